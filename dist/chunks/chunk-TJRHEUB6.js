import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{a as bn,b as ct,c as ut,d as dt,e as ht,g as pt}from"./chunk-ZFT63FFE.js";import{a as lt,b as vn}from"./chunk-UKFJPBZ6.js";import{b,d as te}from"./chunk-IQ6N2SBF.js";var F=b(Ke=>{"use strict";Ke.load=function(n,t,e={}){var r,i,s;for(r in t)s=t[r],e[r]=(i=n[r])!=null?i:s;return e};Ke.overwrite=function(n,t,e={}){var r,i;for(r in n)i=n[r],t[r]!==void 0&&(e[r]=i);return e}});var Ue=b((Yo,Zt)=>{"use strict";var Yt;Yt=class{constructor(t,e){this.incr=t,this.decr=e,this._first=null,this._last=null,this.length=0}push(t){var e;this.length++,typeof this.incr=="function"&&this.incr(),e={value:t,prev:this._last,next:null},this._last!=null?(this._last.next=e,this._last=e):this._first=this._last=e}shift(){var t;if(this._first!=null)return this.length--,typeof this.decr=="function"&&this.decr(),t=this._first.value,(this._first=this._first.next)!=null?this._first.prev=null:this._last=null,t}first(){if(this._first!=null)return this._first.value}getArray(){var t,e,r;for(t=this._first,r=[];t!=null;)r.push((e=t,t=t.next,e.value));return r}forEachShift(t){var e;for(e=this.shift();e!=null;)t(e),e=this.shift()}debug(){var t,e,r,i,s;for(t=this._first,s=[];t!=null;)s.push((e=t,t=t.next,{value:e.value,prev:(r=e.prev)!=null?r.value:void 0,next:(i=e.next)!=null?i.value:void 0}));return s}};Zt.exports=Yt});var H=b((Jo,er)=>{"use strict";function Jt(n,t,e,r,i,s,o){try{var a=n[s](o),l=a.value}catch(c){e(c);return}a.done?t(l):Promise.resolve(l).then(r,i)}function Qt(n){return function(){var t=this,e=arguments;return new Promise(function(r,i){var s=n.apply(t,e);function o(l){Jt(s,r,i,o,a,"next",l)}function a(l){Jt(s,r,i,o,a,"throw",l)}o(void 0)})}}var Xt;Xt=class{constructor(t){if(this.instance=t,this._events={},this.instance.on!=null||this.instance.once!=null||this.instance.removeAllListeners!=null)throw new Error("An Emitter already exists for this object");this.instance.on=(e,r)=>this._addListener(e,"many",r),this.instance.once=(e,r)=>this._addListener(e,"once",r),this.instance.removeAllListeners=(e=null)=>e!=null?delete this._events[e]:this._events={}}_addListener(t,e,r){var i;return(i=this._events)[t]==null&&(i[t]=[]),this._events[t].push({cb:r,status:e}),this.instance}listenerCount(t){return this._events[t]!=null?this._events[t].length:0}trigger(t,...e){var r=this;return Qt(function*(){var i,s;try{return t!=="debug"&&r.trigger("debug",`Event triggered: ${t}`,e),r._events[t]==null?void 0:(r._events[t]=r._events[t].filter(function(o){return o.status!=="none"}),s=r._events[t].map((function(){var o=Qt(function*(a){var l,c;if(a.status!=="none"){a.status==="once"&&(a.status="none");try{return c=typeof a.cb=="function"?a.cb(...e):void 0,typeof c?.then=="function"?yield c:c}catch(u){return l=u,r.trigger("error",l),null}}});return function(a){return o.apply(this,arguments)}})()),(yield Promise.all(s)).find(function(o){return o!=null}))}catch(o){return i=o,r.trigger("error",i),null}})()}};er.exports=Xt});var sr=b((Xo,ir)=>{"use strict";var tr,rr,nr;tr=Ue();rr=H();nr=class{constructor(t){var e;this.Events=new rr(this),this._length=0,this._lists=function(){var r,i,s;for(s=[],e=r=1,i=t;1<=i?r<=i:r>=i;e=1<=i?++r:--r)s.push(new tr(()=>this.incr(),()=>this.decr()));return s}.call(this)}incr(){if(this._length++===0)return this.Events.trigger("leftzero")}decr(){if(--this._length===0)return this.Events.trigger("zero")}push(t){return this._lists[t.options.priority].push(t)}queued(t){return t!=null?this._lists[t].length:this._length}shiftAll(t){return this._lists.forEach(function(e){return e.forEachShift(t)})}getFirst(t=this._lists){var e,r,i;for(e=0,r=t.length;e<r;e++)if(i=t[e],i.length>0)return i;return[]}shiftLastFrom(t){return this.getFirst(this._lists.slice(t).reverse()).shift()}};ir.exports=nr});var Q=b((ta,ar)=>{"use strict";var or;or=class extends Error{};ar.exports=or});var fr=b((na,pr)=>{"use strict";function lr(n,t,e,r,i,s,o){try{var a=n[s](o),l=a.value}catch(c){e(c);return}a.done?t(l):Promise.resolve(l).then(r,i)}function cr(n){return function(){var t=this,e=arguments;return new Promise(function(r,i){var s=n.apply(t,e);function o(l){lr(s,r,i,o,a,"next",l)}function a(l){lr(s,r,i,o,a,"throw",l)}o(void 0)})}}var Ee,ur,dr,Ye,hr;Ye=10;ur=5;hr=F();Ee=Q();dr=class{constructor(t,e,r,i,s,o,a,l){this.task=t,this.args=e,this.rejectOnDrop=s,this.Events=o,this._states=a,this.Promise=l,this.options=hr.load(r,i),this.options.priority=this._sanitizePriority(this.options.priority),this.options.id===i.id&&(this.options.id=`${this.options.id}-${this._randomIndex()}`),this.promise=new this.Promise((c,u)=>{this._resolve=c,this._reject=u}),this.retryCount=0}_sanitizePriority(t){var e;return e=~~t!==t?ur:t,e<0?0:e>Ye-1?Ye-1:e}_randomIndex(){return Math.random().toString(36).slice(2)}doDrop({error:t,message:e="This job has been dropped by Bottleneck"}={}){return this._states.remove(this.options.id)?(this.rejectOnDrop&&this._reject(t??new Ee(e)),this.Events.trigger("dropped",{args:this.args,options:this.options,task:this.task,promise:this.promise}),!0):!1}_assertStatus(t){var e;if(e=this._states.jobStatus(this.options.id),!(e===t||t==="DONE"&&e===null))throw new Ee(`Invalid job status ${e}, expected ${t}. Please open an issue at https://github.com/SGrondin/bottleneck/issues`)}doReceive(){return this._states.start(this.options.id),this.Events.trigger("received",{args:this.args,options:this.options})}doQueue(t,e){return this._assertStatus("RECEIVED"),this._states.next(this.options.id),this.Events.trigger("queued",{args:this.args,options:this.options,reachedHWM:t,blocked:e})}doRun(){return this.retryCount===0?(this._assertStatus("QUEUED"),this._states.next(this.options.id)):this._assertStatus("EXECUTING"),this.Events.trigger("scheduled",{args:this.args,options:this.options})}doExecute(t,e,r,i){var s=this;return cr(function*(){var o,a,l;s.retryCount===0?(s._assertStatus("RUNNING"),s._states.next(s.options.id)):s._assertStatus("EXECUTING"),a={args:s.args,options:s.options,retryCount:s.retryCount},s.Events.trigger("executing",a);try{if(l=yield t!=null?t.schedule(s.options,s.task,...s.args):s.task(...s.args),e())return s.doDone(a),yield i(s.options,a),s._assertStatus("DONE"),s._resolve(l)}catch(c){return o=c,s._onFailure(o,a,e,r,i)}})()}doExpire(t,e,r){var i,s;return this._states.jobStatus(this.options.id==="RUNNING")&&this._states.next(this.options.id),this._assertStatus("EXECUTING"),s={args:this.args,options:this.options,retryCount:this.retryCount},i=new Ee(`This job timed out after ${this.options.expiration} ms.`),this._onFailure(i,s,t,e,r)}_onFailure(t,e,r,i,s){var o=this;return cr(function*(){var a,l;if(r())return a=yield o.Events.trigger("failed",t,e),a!=null?(l=~~a,o.Events.trigger("retry",`Retrying ${o.options.id} after ${l} ms`,e),o.retryCount++,i(l)):(o.doDone(e),yield s(o.options,e),o._assertStatus("DONE"),o._reject(t))})()}doDone(t){return this._assertStatus("EXECUTING"),this._states.next(this.options.id),this.Events.trigger("done",t)}};pr.exports=dr});var vr=b((sa,_r)=>{"use strict";function mr(n,t,e,r,i,s,o){try{var a=n[s](o),l=a.value}catch(c){e(c);return}a.done?t(l):Promise.resolve(l).then(r,i)}function E(n){return function(){var t=this,e=arguments;return new Promise(function(r,i){var s=n.apply(t,e);function o(l){mr(s,r,i,o,a,"next",l)}function a(l){mr(s,r,i,o,a,"throw",l)}o(void 0)})}}var gr,yr,Ze;Ze=F();gr=Q();yr=class{constructor(t,e,r){this.instance=t,this.storeOptions=e,this.clientId=this.instance._randomIndex(),Ze.load(r,r,this),this._nextRequest=this._lastReservoirRefresh=this._lastReservoirIncrease=Date.now(),this._running=0,this._done=0,this._unblockTime=0,this.ready=this.Promise.resolve(),this.clients={},this._startHeartbeat()}_startHeartbeat(){var t;return this.heartbeat==null&&(this.storeOptions.reservoirRefreshInterval!=null&&this.storeOptions.reservoirRefreshAmount!=null||this.storeOptions.reservoirIncreaseInterval!=null&&this.storeOptions.reservoirIncreaseAmount!=null)?typeof(t=this.heartbeat=setInterval(()=>{var e,r,i,s,o;if(s=Date.now(),this.storeOptions.reservoirRefreshInterval!=null&&s>=this._lastReservoirRefresh+this.storeOptions.reservoirRefreshInterval&&(this._lastReservoirRefresh=s,this.storeOptions.reservoir=this.storeOptions.reservoirRefreshAmount,this.instance._drainAll(this.computeCapacity())),this.storeOptions.reservoirIncreaseInterval!=null&&s>=this._lastReservoirIncrease+this.storeOptions.reservoirIncreaseInterval){var a=this.storeOptions;if(e=a.reservoirIncreaseAmount,i=a.reservoirIncreaseMaximum,o=a.reservoir,this._lastReservoirIncrease=s,r=i!=null?Math.min(e,i-o):e,r>0)return this.storeOptions.reservoir+=r,this.instance._drainAll(this.computeCapacity())}},this.heartbeatInterval)).unref=="function"?t.unref():void 0:clearInterval(this.heartbeat)}__publish__(t){var e=this;return E(function*(){return yield e.yieldLoop(),e.instance.Events.trigger("message",t.toString())})()}__disconnect__(t){var e=this;return E(function*(){return yield e.yieldLoop(),clearInterval(e.heartbeat),e.Promise.resolve()})()}yieldLoop(t=0){return new this.Promise(function(e,r){return setTimeout(e,t)})}computePenalty(){var t;return(t=this.storeOptions.penalty)!=null?t:15*this.storeOptions.minTime||5e3}__updateSettings__(t){var e=this;return E(function*(){return yield e.yieldLoop(),Ze.overwrite(t,t,e.storeOptions),e._startHeartbeat(),e.instance._drainAll(e.computeCapacity()),!0})()}__running__(){var t=this;return E(function*(){return yield t.yieldLoop(),t._running})()}__queued__(){var t=this;return E(function*(){return yield t.yieldLoop(),t.instance.queued()})()}__done__(){var t=this;return E(function*(){return yield t.yieldLoop(),t._done})()}__groupCheck__(t){var e=this;return E(function*(){return yield e.yieldLoop(),e._nextRequest+e.timeout<t})()}computeCapacity(){var t,e,r=this.storeOptions;return t=r.maxConcurrent,e=r.reservoir,t!=null&&e!=null?Math.min(t-this._running,e):t!=null?t-this._running:e??null}conditionsCheck(t){var e;return e=this.computeCapacity(),e==null||t<=e}__incrementReservoir__(t){var e=this;return E(function*(){var r;return yield e.yieldLoop(),r=e.storeOptions.reservoir+=t,e.instance._drainAll(e.computeCapacity()),r})()}__currentReservoir__(){var t=this;return E(function*(){return yield t.yieldLoop(),t.storeOptions.reservoir})()}isBlocked(t){return this._unblockTime>=t}check(t,e){return this.conditionsCheck(t)&&this._nextRequest-e<=0}__check__(t){var e=this;return E(function*(){var r;return yield e.yieldLoop(),r=Date.now(),e.check(t,r)})()}__register__(t,e,r){var i=this;return E(function*(){var s,o;return yield i.yieldLoop(),s=Date.now(),i.conditionsCheck(e)?(i._running+=e,i.storeOptions.reservoir!=null&&(i.storeOptions.reservoir-=e),o=Math.max(i._nextRequest-s,0),i._nextRequest=s+o+i.storeOptions.minTime,{success:!0,wait:o,reservoir:i.storeOptions.reservoir}):{success:!1}})()}strategyIsBlock(){return this.storeOptions.strategy===3}__submit__(t,e){var r=this;return E(function*(){var i,s,o;if(yield r.yieldLoop(),r.storeOptions.maxConcurrent!=null&&e>r.storeOptions.maxConcurrent)throw new gr(`Impossible to add a job having a weight of ${e} to a limiter having a maxConcurrent setting of ${r.storeOptions.maxConcurrent}`);return s=Date.now(),o=r.storeOptions.highWater!=null&&t===r.storeOptions.highWater&&!r.check(e,s),i=r.strategyIsBlock()&&(o||r.isBlocked(s)),i&&(r._unblockTime=s+r.computePenalty(),r._nextRequest=r._unblockTime+r.storeOptions.minTime,r.instance._dropAllQueued()),{reachedHWM:o,blocked:i,strategy:r.storeOptions.strategy}})()}__free__(t,e){var r=this;return E(function*(){return yield r.yieldLoop(),r._running-=e,r._done+=e,r.instance._drainAll(r.computeCapacity()),{running:r._running}})()}};_r.exports=yr});var br=b((oa,ki)=>{ki.exports={"blacklist_client.lua":`local blacklist = ARGV[num_static_argv + 1]

if redis.call('zscore', client_last_seen_key, blacklist) then
  redis.call('zadd', client_last_seen_key, 0, blacklist)
end


return {}
`,"check.lua":`local weight = tonumber(ARGV[num_static_argv + 1])

local capacity = process_tick(now, false)['capacity']
local nextRequest = tonumber(redis.call('hget', settings_key, 'nextRequest'))

return conditions_check(capacity, weight) and nextRequest - now <= 0
`,"conditions_check.lua":`local conditions_check = function (capacity, weight)
  return capacity == nil or weight <= capacity
end
`,"current_reservoir.lua":`return process_tick(now, false)['reservoir']
`,"done.lua":`process_tick(now, false)

return tonumber(redis.call('hget', settings_key, 'done'))
`,"free.lua":`local index = ARGV[num_static_argv + 1]

redis.call('zadd', job_expirations_key, 0, index)

return process_tick(now, false)['running']
`,"get_time.lua":`redis.replicate_commands()

local get_time = function ()
  local time = redis.call('time')

  return tonumber(time[1]..string.sub(time[2], 1, 3))
end
`,"group_check.lua":`return not (redis.call('exists', settings_key) == 1)
`,"heartbeat.lua":`process_tick(now, true)
`,"increment_reservoir.lua":`local incr = tonumber(ARGV[num_static_argv + 1])

redis.call('hincrby', settings_key, 'reservoir', incr)

local reservoir = process_tick(now, true)['reservoir']

local groupTimeout = tonumber(redis.call('hget', settings_key, 'groupTimeout'))
refresh_expiration(0, 0, groupTimeout)

return reservoir
`,"init.lua":`local clear = tonumber(ARGV[num_static_argv + 1])
local limiter_version = ARGV[num_static_argv + 2]
local num_local_argv = num_static_argv + 2

if clear == 1 then
  redis.call('del', unpack(KEYS))
end

if redis.call('exists', settings_key) == 0 then
  -- Create
  local args = {'hmset', settings_key}

  for i = num_local_argv + 1, #ARGV do
    table.insert(args, ARGV[i])
  end

  redis.call(unpack(args))
  redis.call('hmset', settings_key,
    'nextRequest', now,
    'lastReservoirRefresh', now,
    'lastReservoirIncrease', now,
    'running', 0,
    'done', 0,
    'unblockTime', 0,
    'capacityPriorityCounter', 0
  )

else
  -- Apply migrations
  local settings = redis.call('hmget', settings_key,
    'id',
    'version'
  )
  local id = settings[1]
  local current_version = settings[2]

  if current_version ~= limiter_version then
    local version_digits = {}
    for k, v in string.gmatch(current_version, "([^.]+)") do
      table.insert(version_digits, tonumber(k))
    end

    -- 2.10.0
    if version_digits[2] < 10 then
      redis.call('hsetnx', settings_key, 'reservoirRefreshInterval', '')
      redis.call('hsetnx', settings_key, 'reservoirRefreshAmount', '')
      redis.call('hsetnx', settings_key, 'lastReservoirRefresh', '')
      redis.call('hsetnx', settings_key, 'done', 0)
      redis.call('hset', settings_key, 'version', '2.10.0')
    end

    -- 2.11.1
    if version_digits[2] < 11 or (version_digits[2] == 11 and version_digits[3] < 1) then
      if redis.call('hstrlen', settings_key, 'lastReservoirRefresh') == 0 then
        redis.call('hmset', settings_key,
          'lastReservoirRefresh', now,
          'version', '2.11.1'
        )
      end
    end

    -- 2.14.0
    if version_digits[2] < 14 then
      local old_running_key = 'b_'..id..'_running'
      local old_executing_key = 'b_'..id..'_executing'

      if redis.call('exists', old_running_key) == 1 then
        redis.call('rename', old_running_key, job_weights_key)
      end
      if redis.call('exists', old_executing_key) == 1 then
        redis.call('rename', old_executing_key, job_expirations_key)
      end
      redis.call('hset', settings_key, 'version', '2.14.0')
    end

    -- 2.15.2
    if version_digits[2] < 15 or (version_digits[2] == 15 and version_digits[3] < 2) then
      redis.call('hsetnx', settings_key, 'capacityPriorityCounter', 0)
      redis.call('hset', settings_key, 'version', '2.15.2')
    end

    -- 2.17.0
    if version_digits[2] < 17 then
      redis.call('hsetnx', settings_key, 'clientTimeout', 10000)
      redis.call('hset', settings_key, 'version', '2.17.0')
    end

    -- 2.18.0
    if version_digits[2] < 18 then
      redis.call('hsetnx', settings_key, 'reservoirIncreaseInterval', '')
      redis.call('hsetnx', settings_key, 'reservoirIncreaseAmount', '')
      redis.call('hsetnx', settings_key, 'reservoirIncreaseMaximum', '')
      redis.call('hsetnx', settings_key, 'lastReservoirIncrease', now)
      redis.call('hset', settings_key, 'version', '2.18.0')
    end

  end

  process_tick(now, false)
end

local groupTimeout = tonumber(redis.call('hget', settings_key, 'groupTimeout'))
refresh_expiration(0, 0, groupTimeout)

return {}
`,"process_tick.lua":`local process_tick = function (now, always_publish)

  local compute_capacity = function (maxConcurrent, running, reservoir)
    if maxConcurrent ~= nil and reservoir ~= nil then
      return math.min((maxConcurrent - running), reservoir)
    elseif maxConcurrent ~= nil then
      return maxConcurrent - running
    elseif reservoir ~= nil then
      return reservoir
    else
      return nil
    end
  end

  local settings = redis.call('hmget', settings_key,
    'id',
    'maxConcurrent',
    'running',
    'reservoir',
    'reservoirRefreshInterval',
    'reservoirRefreshAmount',
    'lastReservoirRefresh',
    'reservoirIncreaseInterval',
    'reservoirIncreaseAmount',
    'reservoirIncreaseMaximum',
    'lastReservoirIncrease',
    'capacityPriorityCounter',
    'clientTimeout'
  )
  local id = settings[1]
  local maxConcurrent = tonumber(settings[2])
  local running = tonumber(settings[3])
  local reservoir = tonumber(settings[4])
  local reservoirRefreshInterval = tonumber(settings[5])
  local reservoirRefreshAmount = tonumber(settings[6])
  local lastReservoirRefresh = tonumber(settings[7])
  local reservoirIncreaseInterval = tonumber(settings[8])
  local reservoirIncreaseAmount = tonumber(settings[9])
  local reservoirIncreaseMaximum = tonumber(settings[10])
  local lastReservoirIncrease = tonumber(settings[11])
  local capacityPriorityCounter = tonumber(settings[12])
  local clientTimeout = tonumber(settings[13])

  local initial_capacity = compute_capacity(maxConcurrent, running, reservoir)

  --
  -- Process 'running' changes
  --
  local expired = redis.call('zrangebyscore', job_expirations_key, '-inf', '('..now)

  if #expired > 0 then
    redis.call('zremrangebyscore', job_expirations_key, '-inf', '('..now)

    local flush_batch = function (batch, acc)
      local weights = redis.call('hmget', job_weights_key, unpack(batch))
                      redis.call('hdel',  job_weights_key, unpack(batch))
      local clients = redis.call('hmget', job_clients_key, unpack(batch))
                      redis.call('hdel',  job_clients_key, unpack(batch))

      -- Calculate sum of removed weights
      for i = 1, #weights do
        acc['total'] = acc['total'] + (tonumber(weights[i]) or 0)
      end

      -- Calculate sum of removed weights by client
      local client_weights = {}
      for i = 1, #clients do
        local removed = tonumber(weights[i]) or 0
        if removed > 0 then
          acc['client_weights'][clients[i]] = (acc['client_weights'][clients[i]] or 0) + removed
        end
      end
    end

    local acc = {
      ['total'] = 0,
      ['client_weights'] = {}
    }
    local batch_size = 1000

    -- Compute changes to Zsets and apply changes to Hashes
    for i = 1, #expired, batch_size do
      local batch = {}
      for j = i, math.min(i + batch_size - 1, #expired) do
        table.insert(batch, expired[j])
      end

      flush_batch(batch, acc)
    end

    -- Apply changes to Zsets
    if acc['total'] > 0 then
      redis.call('hincrby', settings_key, 'done', acc['total'])
      running = tonumber(redis.call('hincrby', settings_key, 'running', -acc['total']))
    end

    for client, weight in pairs(acc['client_weights']) do
      redis.call('zincrby', client_running_key, -weight, client)
    end
  end

  --
  -- Process 'reservoir' changes
  --
  local reservoirRefreshActive = reservoirRefreshInterval ~= nil and reservoirRefreshAmount ~= nil
  if reservoirRefreshActive and now >= lastReservoirRefresh + reservoirRefreshInterval then
    reservoir = reservoirRefreshAmount
    redis.call('hmset', settings_key,
      'reservoir', reservoir,
      'lastReservoirRefresh', now
    )
  end

  local reservoirIncreaseActive = reservoirIncreaseInterval ~= nil and reservoirIncreaseAmount ~= nil
  if reservoirIncreaseActive and now >= lastReservoirIncrease + reservoirIncreaseInterval then
    local num_intervals = math.floor((now - lastReservoirIncrease) / reservoirIncreaseInterval)
    local incr = reservoirIncreaseAmount * num_intervals
    if reservoirIncreaseMaximum ~= nil then
      incr = math.min(incr, reservoirIncreaseMaximum - (reservoir or 0))
    end
    if incr > 0 then
      reservoir = (reservoir or 0) + incr
    end
    redis.call('hmset', settings_key,
      'reservoir', reservoir,
      'lastReservoirIncrease', lastReservoirIncrease + (num_intervals * reservoirIncreaseInterval)
    )
  end

  --
  -- Clear unresponsive clients
  --
  local unresponsive = redis.call('zrangebyscore', client_last_seen_key, '-inf', (now - clientTimeout))
  local unresponsive_lookup = {}
  local terminated_clients = {}
  for i = 1, #unresponsive do
    unresponsive_lookup[unresponsive[i]] = true
    if tonumber(redis.call('zscore', client_running_key, unresponsive[i])) == 0 then
      table.insert(terminated_clients, unresponsive[i])
    end
  end
  if #terminated_clients > 0 then
    redis.call('zrem', client_running_key,         unpack(terminated_clients))
    redis.call('hdel', client_num_queued_key,      unpack(terminated_clients))
    redis.call('zrem', client_last_registered_key, unpack(terminated_clients))
    redis.call('zrem', client_last_seen_key,       unpack(terminated_clients))
  end

  --
  -- Broadcast capacity changes
  --
  local final_capacity = compute_capacity(maxConcurrent, running, reservoir)

  if always_publish or (initial_capacity ~= nil and final_capacity == nil) then
    -- always_publish or was not unlimited, now unlimited
    redis.call('publish', 'b_'..id, 'capacity:'..(final_capacity or ''))

  elseif initial_capacity ~= nil and final_capacity ~= nil and final_capacity > initial_capacity then
    -- capacity was increased
    -- send the capacity message to the limiter having the lowest number of running jobs
    -- the tiebreaker is the limiter having not registered a job in the longest time

    local lowest_concurrency_value = nil
    local lowest_concurrency_clients = {}
    local lowest_concurrency_last_registered = {}
    local client_concurrencies = redis.call('zrange', client_running_key, 0, -1, 'withscores')

    for i = 1, #client_concurrencies, 2 do
      local client = client_concurrencies[i]
      local concurrency = tonumber(client_concurrencies[i+1])

      if (
        lowest_concurrency_value == nil or lowest_concurrency_value == concurrency
      ) and (
        not unresponsive_lookup[client]
      ) and (
        tonumber(redis.call('hget', client_num_queued_key, client)) > 0
      ) then
        lowest_concurrency_value = concurrency
        table.insert(lowest_concurrency_clients, client)
        local last_registered = tonumber(redis.call('zscore', client_last_registered_key, client))
        table.insert(lowest_concurrency_last_registered, last_registered)
      end
    end

    if #lowest_concurrency_clients > 0 then
      local position = 1
      local earliest = lowest_concurrency_last_registered[1]

      for i,v in ipairs(lowest_concurrency_last_registered) do
        if v < earliest then
          position = i
          earliest = v
        end
      end

      local next_client = lowest_concurrency_clients[position]
      redis.call('publish', 'b_'..id,
        'capacity-priority:'..(final_capacity or '')..
        ':'..next_client..
        ':'..capacityPriorityCounter
      )
      redis.call('hincrby', settings_key, 'capacityPriorityCounter', '1')
    else
      redis.call('publish', 'b_'..id, 'capacity:'..(final_capacity or ''))
    end
  end

  return {
    ['capacity'] = final_capacity,
    ['running'] = running,
    ['reservoir'] = reservoir
  }
end
`,"queued.lua":`local clientTimeout = tonumber(redis.call('hget', settings_key, 'clientTimeout'))
local valid_clients = redis.call('zrangebyscore', client_last_seen_key, (now - clientTimeout), 'inf')
local client_queued = redis.call('hmget', client_num_queued_key, unpack(valid_clients))

local sum = 0
for i = 1, #client_queued do
  sum = sum + tonumber(client_queued[i])
end

return sum
`,"refresh_expiration.lua":`local refresh_expiration = function (now, nextRequest, groupTimeout)

  if groupTimeout ~= nil then
    local ttl = (nextRequest + groupTimeout) - now

    for i = 1, #KEYS do
      redis.call('pexpire', KEYS[i], ttl)
    end
  end

end
`,"refs.lua":`local settings_key = KEYS[1]
local job_weights_key = KEYS[2]
local job_expirations_key = KEYS[3]
local job_clients_key = KEYS[4]
local client_running_key = KEYS[5]
local client_num_queued_key = KEYS[6]
local client_last_registered_key = KEYS[7]
local client_last_seen_key = KEYS[8]

local now = tonumber(ARGV[1])
local client = ARGV[2]

local num_static_argv = 2
`,"register.lua":`local index = ARGV[num_static_argv + 1]
local weight = tonumber(ARGV[num_static_argv + 2])
local expiration = tonumber(ARGV[num_static_argv + 3])

local state = process_tick(now, false)
local capacity = state['capacity']
local reservoir = state['reservoir']

local settings = redis.call('hmget', settings_key,
  'nextRequest',
  'minTime',
  'groupTimeout'
)
local nextRequest = tonumber(settings[1])
local minTime = tonumber(settings[2])
local groupTimeout = tonumber(settings[3])

if conditions_check(capacity, weight) then

  redis.call('hincrby', settings_key, 'running', weight)
  redis.call('hset', job_weights_key, index, weight)
  if expiration ~= nil then
    redis.call('zadd', job_expirations_key, now + expiration, index)
  end
  redis.call('hset', job_clients_key, index, client)
  redis.call('zincrby', client_running_key, weight, client)
  redis.call('hincrby', client_num_queued_key, client, -1)
  redis.call('zadd', client_last_registered_key, now, client)

  local wait = math.max(nextRequest - now, 0)
  local newNextRequest = now + wait + minTime

  if reservoir == nil then
    redis.call('hset', settings_key,
      'nextRequest', newNextRequest
    )
  else
    reservoir = reservoir - weight
    redis.call('hmset', settings_key,
      'reservoir', reservoir,
      'nextRequest', newNextRequest
    )
  end

  refresh_expiration(now, newNextRequest, groupTimeout)

  return {true, wait, reservoir}

else
  return {false}
end
`,"register_client.lua":`local queued = tonumber(ARGV[num_static_argv + 1])

-- Could have been re-registered concurrently
if not redis.call('zscore', client_last_seen_key, client) then
  redis.call('zadd', client_running_key, 0, client)
  redis.call('hset', client_num_queued_key, client, queued)
  redis.call('zadd', client_last_registered_key, 0, client)
end

redis.call('zadd', client_last_seen_key, now, client)

return {}
`,"running.lua":`return process_tick(now, false)['running']
`,"submit.lua":`local queueLength = tonumber(ARGV[num_static_argv + 1])
local weight = tonumber(ARGV[num_static_argv + 2])

local capacity = process_tick(now, false)['capacity']

local settings = redis.call('hmget', settings_key,
  'id',
  'maxConcurrent',
  'highWater',
  'nextRequest',
  'strategy',
  'unblockTime',
  'penalty',
  'minTime',
  'groupTimeout'
)
local id = settings[1]
local maxConcurrent = tonumber(settings[2])
local highWater = tonumber(settings[3])
local nextRequest = tonumber(settings[4])
local strategy = tonumber(settings[5])
local unblockTime = tonumber(settings[6])
local penalty = tonumber(settings[7])
local minTime = tonumber(settings[8])
local groupTimeout = tonumber(settings[9])

if maxConcurrent ~= nil and weight > maxConcurrent then
  return redis.error_reply('OVERWEIGHT:'..weight..':'..maxConcurrent)
end

local reachedHWM = (highWater ~= nil and queueLength == highWater
  and not (
    conditions_check(capacity, weight)
    and nextRequest - now <= 0
  )
)

local blocked = strategy == 3 and (reachedHWM or unblockTime >= now)

if blocked then
  local computedPenalty = penalty
  if computedPenalty == nil then
    if minTime == 0 then
      computedPenalty = 5000
    else
      computedPenalty = 15 * minTime
    end
  end

  local newNextRequest = now + computedPenalty + minTime

  redis.call('hmset', settings_key,
    'unblockTime', now + computedPenalty,
    'nextRequest', newNextRequest
  )

  local clients_queued_reset = redis.call('hkeys', client_num_queued_key)
  local queued_reset = {}
  for i = 1, #clients_queued_reset do
    table.insert(queued_reset, clients_queued_reset[i])
    table.insert(queued_reset, 0)
  end
  redis.call('hmset', client_num_queued_key, unpack(queued_reset))

  redis.call('publish', 'b_'..id, 'blocked:')

  refresh_expiration(now, newNextRequest, groupTimeout)
end

if not blocked and not reachedHWM then
  redis.call('hincrby', client_num_queued_key, client, 1)
end

return {reachedHWM, blocked, strategy}
`,"update_settings.lua":`local args = {'hmset', settings_key}

for i = num_static_argv + 1, #ARGV do
  table.insert(args, ARGV[i])
end

redis.call(unpack(args))

process_tick(now, true)

local groupTimeout = tonumber(redis.call('hget', settings_key, 'groupTimeout'))
refresh_expiration(0, 0, groupTimeout)

return {}
`,"validate_client.lua":`if not redis.call('zscore', client_last_seen_key, client) then
  return redis.error_reply('UNKNOWN_CLIENT')
end

redis.call('zadd', client_last_seen_key, now, client)
`,"validate_keys.lua":`if not (redis.call('exists', settings_key) == 1) then
  return redis.error_reply('SETTINGS_KEY_NOT_FOUND')
end
`}});var Te=b(v=>{"use strict";var Se,_,$e;_=br();Se={refs:_["refs.lua"],validate_keys:_["validate_keys.lua"],validate_client:_["validate_client.lua"],refresh_expiration:_["refresh_expiration.lua"],process_tick:_["process_tick.lua"],conditions_check:_["conditions_check.lua"],get_time:_["get_time.lua"]};v.allKeys=function(n){return[`b_${n}_settings`,`b_${n}_job_weights`,`b_${n}_job_expirations`,`b_${n}_job_clients`,`b_${n}_client_running`,`b_${n}_client_num_queued`,`b_${n}_client_last_registered`,`b_${n}_client_last_seen`]};$e={init:{keys:v.allKeys,headers:["process_tick"],refresh_expiration:!0,code:_["init.lua"]},group_check:{keys:v.allKeys,headers:[],refresh_expiration:!1,code:_["group_check.lua"]},register_client:{keys:v.allKeys,headers:["validate_keys"],refresh_expiration:!1,code:_["register_client.lua"]},blacklist_client:{keys:v.allKeys,headers:["validate_keys","validate_client"],refresh_expiration:!1,code:_["blacklist_client.lua"]},heartbeat:{keys:v.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!1,code:_["heartbeat.lua"]},update_settings:{keys:v.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!0,code:_["update_settings.lua"]},running:{keys:v.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!1,code:_["running.lua"]},queued:{keys:v.allKeys,headers:["validate_keys","validate_client"],refresh_expiration:!1,code:_["queued.lua"]},done:{keys:v.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!1,code:_["done.lua"]},check:{keys:v.allKeys,headers:["validate_keys","validate_client","process_tick","conditions_check"],refresh_expiration:!1,code:_["check.lua"]},submit:{keys:v.allKeys,headers:["validate_keys","validate_client","process_tick","conditions_check"],refresh_expiration:!0,code:_["submit.lua"]},register:{keys:v.allKeys,headers:["validate_keys","validate_client","process_tick","conditions_check"],refresh_expiration:!0,code:_["register.lua"]},free:{keys:v.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!0,code:_["free.lua"]},current_reservoir:{keys:v.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!1,code:_["current_reservoir.lua"]},increment_reservoir:{keys:v.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!0,code:_["increment_reservoir.lua"]}};v.names=Object.keys($e);v.keys=function(n,t){return $e[n].keys(t)};v.payload=function(n){var t;return t=$e[n],Array.prototype.concat(Se.refs,t.headers.map(function(e){return Se[e]}),t.refresh_expiration?Se.refresh_expiration:"",t.code).join(`
`)}});var De=b((exports,module)=>{"use strict";function asyncGeneratorStep(n,t,e,r,i,s,o){try{var a=n[s](o),l=a.value}catch(c){e(c);return}a.done?t(l):Promise.resolve(l).then(r,i)}function _asyncToGenerator(n){return function(){var t=this,e=arguments;return new Promise(function(r,i){var s=n.apply(t,e);function o(l){asyncGeneratorStep(s,r,i,o,a,"next",l)}function a(l){asyncGeneratorStep(s,r,i,o,a,"throw",l)}o(void 0)})}}var Events,RedisConnection,Scripts,parser;parser=F();Events=H();Scripts=Te();RedisConnection=function(){class RedisConnection{constructor(options={}){parser.load(options,this.defaults,this),this.Redis==null&&(this.Redis=eval("require")("redis")),this.Events==null&&(this.Events=new Events(this)),this.terminated=!1,this.client==null&&(this.client=this.Redis.createClient(this.clientOptions)),this.subscriber=this.client.duplicate(),this.limiters={},this.shas={},this.ready=this.Promise.all([this._setup(this.client,!1),this._setup(this.subscriber,!0)]).then(()=>this._loadScripts()).then(()=>({client:this.client,subscriber:this.subscriber}))}_setup(n,t){return n.setMaxListeners(0),new this.Promise((e,r)=>(n.on("error",i=>this.Events.trigger("error",i)),t&&n.on("message",(i,s)=>{var o;return(o=this.limiters[i])!=null?o._store.onMessage(i,s):void 0}),n.ready?e():n.once("ready",e)))}_loadScript(n){return new this.Promise((t,e)=>{var r;return r=Scripts.payload(n),this.client.multi([["script","load",r]]).exec((i,s)=>i!=null?e(i):(this.shas[n]=s[0],t(s[0])))})}_loadScripts(){return this.Promise.all(Scripts.names.map(n=>this._loadScript(n)))}__runCommand__(n){var t=this;return _asyncToGenerator(function*(){return yield t.ready,new t.Promise((e,r)=>t.client.multi([n]).exec_atomic(function(i,s){return i!=null?r(i):e(s[0])}))})()}__addLimiter__(n){return this.Promise.all([n.channel(),n.channel_client()].map(t=>new this.Promise((e,r)=>{var i;return i=s=>{if(s===t)return this.subscriber.removeListener("subscribe",i),this.limiters[t]=n,e()},this.subscriber.on("subscribe",i),this.subscriber.subscribe(t)})))}__removeLimiter__(n){var t=this;return this.Promise.all([n.channel(),n.channel_client()].map((function(){var e=_asyncToGenerator(function*(r){return t.terminated||(yield new t.Promise((i,s)=>t.subscriber.unsubscribe(r,function(o,a){if(o!=null)return s(o);if(a===r)return i()}))),delete t.limiters[r]});return function(r){return e.apply(this,arguments)}})()))}__scriptArgs__(n,t,e,r){var i;return i=Scripts.keys(n,t),[this.shas[n],i.length].concat(i,e,r)}__scriptFn__(n){return this.client.evalsha.bind(this.client)}disconnect(n=!0){var t,e,r,i;for(i=Object.keys(this.limiters),t=0,r=i.length;t<r;t++)e=i[t],clearInterval(this.limiters[e]._store.heartbeat);return this.limiters={},this.terminated=!0,this.client.end(n),this.subscriber.end(n),this.Promise.resolve()}}return RedisConnection.prototype.datastore="redis",RedisConnection.prototype.defaults={Redis:null,clientOptions:{},client:null,Promise,Events:null},RedisConnection}.call(void 0);module.exports=RedisConnection});var Pe=b((exports,module)=>{"use strict";function _slicedToArray(n,t){return _arrayWithHoles(n)||_iterableToArrayLimit(n,t)||_nonIterableRest()}function _nonIterableRest(){throw new TypeError("Invalid attempt to destructure non-iterable instance")}function _iterableToArrayLimit(n,t){var e=[],r=!0,i=!1,s=void 0;try{for(var o=n[Symbol.iterator](),a;!(r=(a=o.next()).done)&&(e.push(a.value),!(t&&e.length===t));r=!0);}catch(l){i=!0,s=l}finally{try{!r&&o.return!=null&&o.return()}finally{if(i)throw s}}return e}function _arrayWithHoles(n){if(Array.isArray(n))return n}function asyncGeneratorStep(n,t,e,r,i,s,o){try{var a=n[s](o),l=a.value}catch(c){e(c);return}a.done?t(l):Promise.resolve(l).then(r,i)}function _asyncToGenerator(n){return function(){var t=this,e=arguments;return new Promise(function(r,i){var s=n.apply(t,e);function o(l){asyncGeneratorStep(s,r,i,o,a,"next",l)}function a(l){asyncGeneratorStep(s,r,i,o,a,"throw",l)}o(void 0)})}}var Events,IORedisConnection,Scripts,parser;parser=F();Events=H();Scripts=Te();IORedisConnection=function(){class IORedisConnection{constructor(options={}){parser.load(options,this.defaults,this),this.Redis==null&&(this.Redis=eval("require")("ioredis")),this.Events==null&&(this.Events=new Events(this)),this.terminated=!1,this.clusterNodes!=null?(this.client=new this.Redis.Cluster(this.clusterNodes,this.clientOptions),this.subscriber=new this.Redis.Cluster(this.clusterNodes,this.clientOptions)):this.client!=null&&this.client.duplicate==null?this.subscriber=new this.Redis.Cluster(this.client.startupNodes,this.client.options):(this.client==null&&(this.client=new this.Redis(this.clientOptions)),this.subscriber=this.client.duplicate()),this.limiters={},this.ready=this.Promise.all([this._setup(this.client,!1),this._setup(this.subscriber,!0)]).then(()=>(this._loadScripts(),{client:this.client,subscriber:this.subscriber}))}_setup(n,t){return n.setMaxListeners(0),new this.Promise((e,r)=>(n.on("error",i=>this.Events.trigger("error",i)),t&&n.on("message",(i,s)=>{var o;return(o=this.limiters[i])!=null?o._store.onMessage(i,s):void 0}),n.status==="ready"?e():n.once("ready",e)))}_loadScripts(){return Scripts.names.forEach(n=>this.client.defineCommand(n,{lua:Scripts.payload(n)}))}__runCommand__(n){var t=this;return _asyncToGenerator(function*(){var e,r;yield t.ready;var i=yield t.client.pipeline([n]).exec(),s=_slicedToArray(i,1),o=_slicedToArray(s[0],2);return e=o[0],r=o[1],r})()}__addLimiter__(n){return this.Promise.all([n.channel(),n.channel_client()].map(t=>new this.Promise((e,r)=>this.subscriber.subscribe(t,()=>(this.limiters[t]=n,e())))))}__removeLimiter__(n){var t=this;return[n.channel(),n.channel_client()].forEach((function(){var e=_asyncToGenerator(function*(r){return t.terminated||(yield t.subscriber.unsubscribe(r)),delete t.limiters[r]});return function(r){return e.apply(this,arguments)}})())}__scriptArgs__(n,t,e,r){var i;return i=Scripts.keys(n,t),[i.length].concat(i,e,r)}__scriptFn__(n){return this.client[n].bind(this.client)}disconnect(n=!0){var t,e,r,i;for(i=Object.keys(this.limiters),t=0,r=i.length;t<r;t++)e=i[t],clearInterval(this.limiters[e]._store.heartbeat);return this.limiters={},this.terminated=!0,n?this.Promise.all([this.client.quit(),this.subscriber.quit()]):(this.client.disconnect(),this.subscriber.disconnect(),this.Promise.resolve())}}return IORedisConnection.prototype.datastore="ioredis",IORedisConnection.prototype.defaults={Redis:null,clientOptions:{},clusterNodes:null,client:null,Promise,Events:null},IORedisConnection}.call(void 0);module.exports=IORedisConnection});var Sr=b((ca,Er)=>{"use strict";function Ce(n,t){return Ai(n)||Ri(n,t)||xi()}function xi(){throw new TypeError("Invalid attempt to destructure non-iterable instance")}function Ri(n,t){var e=[],r=!0,i=!1,s=void 0;try{for(var o=n[Symbol.iterator](),a;!(r=(a=o.next()).done)&&(e.push(a.value),!(t&&e.length===t));r=!0);}catch(l){i=!0,s=l}finally{try{!r&&o.return!=null&&o.return()}finally{if(i)throw s}}return e}function Ai(n){if(Array.isArray(n))return n}function wr(n,t,e,r,i,s,o){try{var a=n[s](o),l=a.value}catch(c){e(c);return}a.done?t(l):Promise.resolve(l).then(r,i)}function C(n){return function(){var t=this,e=arguments;return new Promise(function(r,i){var s=n.apply(t,e);function o(l){wr(s,r,i,o,a,"next",l)}function a(l){wr(s,r,i,o,a,"throw",l)}o(void 0)})}}var kr,xr,Rr,Ar,Je;Je=F();kr=Q();Rr=De();xr=Pe();Ar=class{constructor(t,e,r){this.instance=t,this.storeOptions=e,this.originalId=this.instance.id,this.clientId=this.instance._randomIndex(),Je.load(r,r,this),this.clients={},this.capacityPriorityCounters={},this.sharedConnection=this.connection!=null,this.connection==null&&(this.connection=this.instance.datastore==="redis"?new Rr({Redis:this.Redis,clientOptions:this.clientOptions,Promise:this.Promise,Events:this.instance.Events}):this.instance.datastore==="ioredis"?new xr({Redis:this.Redis,clientOptions:this.clientOptions,clusterNodes:this.clusterNodes,Promise:this.Promise,Events:this.instance.Events}):void 0),this.instance.connection=this.connection,this.instance.datastore=this.connection.datastore,this.ready=this.connection.ready.then(i=>(this.clients=i,this.runScript("init",this.prepareInitSettings(this.clearDatastore)))).then(()=>this.connection.__addLimiter__(this.instance)).then(()=>this.runScript("register_client",[this.instance.queued()])).then(()=>{var i;return typeof(i=this.heartbeat=setInterval(()=>this.runScript("heartbeat",[]).catch(s=>this.instance.Events.trigger("error",s)),this.heartbeatInterval)).unref=="function"&&i.unref(),this.clients})}__publish__(t){var e=this;return C(function*(){var r,i=yield e.ready;return r=i.client,r.publish(e.instance.channel(),`message:${t.toString()}`)})()}onMessage(t,e){var r=this;return C(function*(){var i,s,o,a,l,c,u,d,h,p;try{u=e.indexOf(":");var m=[e.slice(0,u),e.slice(u+1)];if(p=m[0],o=m[1],p==="capacity")return yield r.instance._drainAll(o.length>0?~~o:void 0);if(p==="capacity-priority"){var g=o.split(":"),f=Ce(g,3);return h=f[0],d=f[1],s=f[2],i=h.length>0?~~h:void 0,d===r.clientId?(a=yield r.instance._drainAll(i),c=i!=null?i-(a||0):"",yield r.clients.client.publish(r.instance.channel(),`capacity-priority:${c}::${s}`)):d===""?(clearTimeout(r.capacityPriorityCounters[s]),delete r.capacityPriorityCounters[s],r.instance._drainAll(i)):r.capacityPriorityCounters[s]=setTimeout(C(function*(){var y;try{return delete r.capacityPriorityCounters[s],yield r.runScript("blacklist_client",[d]),yield r.instance._drainAll(i)}catch(R){return y=R,r.instance.Events.trigger("error",y)}}),1e3)}else{if(p==="message")return r.instance.Events.trigger("message",o);if(p==="blocked")return yield r.instance._dropAllQueued()}}catch(y){return l=y,r.instance.Events.trigger("error",l)}})()}__disconnect__(t){return clearInterval(this.heartbeat),this.sharedConnection?this.connection.__removeLimiter__(this.instance):this.connection.disconnect(t)}runScript(t,e){var r=this;return C(function*(){return t==="init"||t==="register_client"||(yield r.ready),new r.Promise((i,s)=>{var o,a;return o=[Date.now(),r.clientId].concat(e),r.instance.Events.trigger("debug",`Calling Redis script: ${t}.lua`,o),a=r.connection.__scriptArgs__(t,r.originalId,o,function(l,c){return l!=null?s(l):i(c)}),r.connection.__scriptFn__(t)(...a)}).catch(i=>i.message==="SETTINGS_KEY_NOT_FOUND"?t==="heartbeat"?r.Promise.resolve():r.runScript("init",r.prepareInitSettings(!1)).then(()=>r.runScript(t,e)):i.message==="UNKNOWN_CLIENT"?r.runScript("register_client",[r.instance.queued()]).then(()=>r.runScript(t,e)):r.Promise.reject(i))})()}prepareArray(t){var e,r,i,s;for(i=[],e=0,r=t.length;e<r;e++)s=t[e],i.push(s!=null?s.toString():"");return i}prepareObject(t){var e,r,i;e=[];for(r in t)i=t[r],e.push(r,i!=null?i.toString():"");return e}prepareInitSettings(t){var e;return e=this.prepareObject(Object.assign({},this.storeOptions,{id:this.originalId,version:this.instance.version,groupTimeout:this.timeout,clientTimeout:this.clientTimeout})),e.unshift(t?1:0,this.instance.version),e}convertBool(t){return!!t}__updateSettings__(t){var e=this;return C(function*(){return yield e.runScript("update_settings",e.prepareObject(t)),Je.overwrite(t,t,e.storeOptions)})()}__running__(){return this.runScript("running",[])}__queued__(){return this.runScript("queued",[])}__done__(){return this.runScript("done",[])}__groupCheck__(){var t=this;return C(function*(){return t.convertBool(yield t.runScript("group_check",[]))})()}__incrementReservoir__(t){return this.runScript("increment_reservoir",[t])}__currentReservoir__(){return this.runScript("current_reservoir",[])}__check__(t){var e=this;return C(function*(){return e.convertBool(yield e.runScript("check",e.prepareArray([t])))})()}__register__(t,e,r){var i=this;return C(function*(){var s,o,a,l=yield i.runScript("register",i.prepareArray([t,e,r])),c=Ce(l,3);return o=c[0],a=c[1],s=c[2],{success:i.convertBool(o),wait:a,reservoir:s}})()}__submit__(t,e){var r=this;return C(function*(){var i,s,o,a,l,c;try{var u=yield r.runScript("submit",r.prepareArray([t,e])),d=Ce(u,3);return l=d[0],i=d[1],c=d[2],{reachedHWM:r.convertBool(l),blocked:r.convertBool(i),strategy:c}}catch(m){if(s=m,s.message.indexOf("OVERWEIGHT")===0){var h=s.message.split(":"),p=Ce(h,3);throw a=p[0],e=p[1],o=p[2],new kr(`Impossible to add a job having a weight of ${e} to a limiter having a maxConcurrent setting of ${o}`)}else throw s}})()}__free__(t,e){var r=this;return C(function*(){var i;return i=yield r.runScript("free",r.prepareArray([t])),{running:i}})()}};Er.exports=Ar});var Pr=b((da,Dr)=>{"use strict";var $r,Tr;$r=Q();Tr=class{constructor(t){this.status=t,this._jobs={},this.counts=this.status.map(function(){return 0})}next(t){var e,r;if(e=this._jobs[t],r=e+1,e!=null&&r<this.status.length)return this.counts[e]--,this.counts[r]++,this._jobs[t]++;if(e!=null)return this.counts[e]--,delete this._jobs[t]}start(t){var e;return e=0,this._jobs[t]=e,this.counts[e]++}remove(t){var e;return e=this._jobs[t],e!=null&&(this.counts[e]--,delete this._jobs[t]),e!=null}jobStatus(t){var e;return(e=this.status[this._jobs[t]])!=null?e:null}statusJobs(t){var e,r,i,s,o;if(t!=null){if(r=this.status.indexOf(t),r<0)throw new $r(`status must be one of ${this.status.join(", ")}`);i=this._jobs,s=[];for(e in i)o=i[e],o===r&&s.push(e);return s}else return Object.keys(this._jobs)}statusCounts(){return this.counts.reduce((t,e,r)=>(t[this.status[r]]=e,t),{})}};Dr.exports=Tr});var Fr=b((pa,qr)=>{"use strict";function Cr(n,t,e,r,i,s,o){try{var a=n[s](o),l=a.value}catch(c){e(c);return}a.done?t(l):Promise.resolve(l).then(r,i)}function Ir(n){return function(){var t=this,e=arguments;return new Promise(function(r,i){var s=n.apply(t,e);function o(l){Cr(s,r,i,o,a,"next",l)}function a(l){Cr(s,r,i,o,a,"throw",l)}o(void 0)})}}var Or,Lr;Or=Ue();Lr=class{constructor(t,e){this.schedule=this.schedule.bind(this),this.name=t,this.Promise=e,this._running=0,this._queue=new Or}isEmpty(){return this._queue.length===0}_tryToRun(){var t=this;return Ir(function*(){var e,r,i,s,o,a,l;if(t._running<1&&t._queue.length>0){t._running++;var c=t._queue.shift();return l=c.task,e=c.args,o=c.resolve,s=c.reject,r=yield Ir(function*(){try{return a=yield l(...e),function(){return o(a)}}catch(u){return i=u,function(){return s(i)}}})(),t._running--,t._tryToRun(),r()}})()}schedule(t,...e){var r,i,s;return s=i=null,r=new this.Promise(function(o,a){return s=o,i=a}),this._queue.push({task:t,args:e,resolve:s,reject:i}),this._tryToRun(),r}};qr.exports=Lr});var Mr=b((fa,Ei)=>{Ei.exports={version:"2.19.5"}});var Vr=b((ma,Hr)=>{"use strict";function Si(n,t){return Di(n)||Ti(n,t)||$i()}function $i(){throw new TypeError("Invalid attempt to destructure non-iterable instance")}function Ti(n,t){var e=[],r=!0,i=!1,s=void 0;try{for(var o=n[Symbol.iterator](),a;!(r=(a=o.next()).done)&&(e.push(a.value),!(t&&e.length===t));r=!0);}catch(l){i=!0,s=l}finally{try{!r&&o.return!=null&&o.return()}finally{if(i)throw s}}return e}function Di(n){if(Array.isArray(n))return n}function Nr(n,t,e,r,i,s,o){try{var a=n[s](o),l=a.value}catch(c){e(c);return}a.done?t(l):Promise.resolve(l).then(r,i)}function Qe(n){return function(){var t=this,e=arguments;return new Promise(function(r,i){var s=n.apply(t,e);function o(l){Nr(s,r,i,o,a,"next",l)}function a(l){Nr(s,r,i,o,a,"throw",l)}o(void 0)})}}var zr,jr,Gr,Br,Wr,Ie;Ie=F();zr=H();Br=De();Gr=Pe();Wr=Te();jr=function(){class n{constructor(e={}){this.deleteKey=this.deleteKey.bind(this),this.limiterOptions=e,Ie.load(this.limiterOptions,this.defaults,this),this.Events=new zr(this),this.instances={},this.Bottleneck=Xe(),this._startAutoCleanup(),this.sharedConnection=this.connection!=null,this.connection==null&&(this.limiterOptions.datastore==="redis"?this.connection=new Br(Object.assign({},this.limiterOptions,{Events:this.Events})):this.limiterOptions.datastore==="ioredis"&&(this.connection=new Gr(Object.assign({},this.limiterOptions,{Events:this.Events}))))}key(e=""){var r;return(r=this.instances[e])!=null?r:(()=>{var i;return i=this.instances[e]=new this.Bottleneck(Object.assign(this.limiterOptions,{id:`${this.id}-${e}`,timeout:this.timeout,connection:this.connection})),this.Events.trigger("created",i,e),i})()}deleteKey(e=""){var r=this;return Qe(function*(){var i,s;return s=r.instances[e],r.connection&&(i=yield r.connection.__runCommand__(["del",...Wr.allKeys(`${r.id}-${e}`)])),s!=null&&(delete r.instances[e],yield s.disconnect()),s!=null||i>0})()}limiters(){var e,r,i,s;r=this.instances,i=[];for(e in r)s=r[e],i.push({key:e,limiter:s});return i}keys(){return Object.keys(this.instances)}clusterKeys(){var e=this;return Qe(function*(){var r,i,s,o,a,l,c,u,d;if(e.connection==null)return e.Promise.resolve(e.keys());for(l=[],r=null,d=`b_${e.id}-`.length,i=9;r!==0;){var h=yield e.connection.__runCommand__(["scan",r??0,"match",`b_${e.id}-*_settings`,"count",1e4]),p=Si(h,2);for(u=p[0],s=p[1],r=~~u,o=0,c=s.length;o<c;o++)a=s[o],l.push(a.slice(d,-i))}return l})()}_startAutoCleanup(){var e=this,r;return clearInterval(this.interval),typeof(r=this.interval=setInterval(Qe(function*(){var i,s,o,a,l,c;l=Date.now(),o=e.instances,a=[];for(s in o){c=o[s];try{(yield c._store.__groupCheck__(l))?a.push(e.deleteKey(s)):a.push(void 0)}catch(u){i=u,a.push(c.Events.trigger("error",i))}}return a}),this.timeout/2)).unref=="function"?r.unref():void 0}updateSettings(e={}){if(Ie.overwrite(e,this.defaults,this),Ie.overwrite(e,e,this.limiterOptions),e.timeout!=null)return this._startAutoCleanup()}disconnect(e=!0){var r;if(!this.sharedConnection)return(r=this.connection)!=null?r.disconnect(e):void 0}}return n.prototype.defaults={timeout:1e3*60*5,connection:null,Promise,id:"group-key"},n}.call(void 0);Hr.exports=jr});var Jr=b((ga,Zr)=>{"use strict";var Kr,Ur,Yr;Yr=F();Ur=H();Kr=function(){class n{constructor(e={}){this.options=e,Yr.load(this.options,this.defaults,this),this.Events=new Ur(this),this._arr=[],this._resetPromise(),this._lastFlush=Date.now()}_resetPromise(){return this._promise=new this.Promise((e,r)=>this._resolve=e)}_flush(){return clearTimeout(this._timeout),this._lastFlush=Date.now(),this._resolve(),this.Events.trigger("batch",this._arr),this._arr=[],this._resetPromise()}add(e){var r;return this._arr.push(e),r=this._promise,this._arr.length===this.maxSize?this._flush():this.maxTime!=null&&this._arr.length===1&&(this._timeout=setTimeout(()=>this._flush(),this.maxTime)),r}}return n.prototype.defaults={maxTime:null,maxSize:null,Promise},n}.call(void 0);Zr.exports=Kr});var Xe=b((ya,un)=>{"use strict";function Qr(n,t){return rn(n)||Pi(n,t)||tn()}function Pi(n,t){var e=[],r=!0,i=!1,s=void 0;try{for(var o=n[Symbol.iterator](),a;!(r=(a=o.next()).done)&&(e.push(a.value),!(t&&e.length===t));r=!0);}catch(l){i=!0,s=l}finally{try{!r&&o.return!=null&&o.return()}finally{if(i)throw s}}return e}function Oe(n){return rn(n)||Ci(n)||tn()}function tn(){throw new TypeError("Invalid attempt to destructure non-iterable instance")}function Ci(n){if(Symbol.iterator in Object(n)||Object.prototype.toString.call(n)==="[object Arguments]")return Array.from(n)}function rn(n){if(Array.isArray(n))return n}function Xr(n,t,e,r,i,s,o){try{var a=n[s](o),l=a.value}catch(c){e(c);return}a.done?t(l):Promise.resolve(l).then(r,i)}function et(n){return function(){var t=this,e=arguments;return new Promise(function(r,i){var s=n.apply(t,e);function o(l){Xr(s,r,i,o,a,"next",l)}function a(l){Xr(s,r,i,o,a,"throw",l)}o(void 0)})}}var nn,sn,tt,rt,on,nt,an,ln,cn,it,I,en=[].splice;nt=10;sn=5;I=F();an=sr();rt=fr();on=vr();ln=Sr();tt=H();cn=Pr();it=Fr();nn=function(){class n{constructor(e={},...r){var i,s;this._addToQueue=this._addToQueue.bind(this),this._validateOptions(e,r),I.load(e,this.instanceDefaults,this),this._queues=new an(nt),this._scheduled={},this._states=new cn(["RECEIVED","QUEUED","RUNNING","EXECUTING"].concat(this.trackDoneStatus?["DONE"]:[])),this._limiter=null,this.Events=new tt(this),this._submitLock=new it("submit",this.Promise),this._registerLock=new it("register",this.Promise),s=I.load(e,this.storeDefaults,{}),this._store=function(){if(this.datastore==="redis"||this.datastore==="ioredis"||this.connection!=null)return i=I.load(e,this.redisStoreDefaults,{}),new ln(this,s,i);if(this.datastore==="local")return i=I.load(e,this.localStoreDefaults,{}),new on(this,s,i);throw new n.prototype.BottleneckError(`Invalid datastore type: ${this.datastore}`)}.call(this),this._queues.on("leftzero",()=>{var o;return(o=this._store.heartbeat)!=null&&typeof o.ref=="function"?o.ref():void 0}),this._queues.on("zero",()=>{var o;return(o=this._store.heartbeat)!=null&&typeof o.unref=="function"?o.unref():void 0})}_validateOptions(e,r){if(!(e!=null&&typeof e=="object"&&r.length===0))throw new n.prototype.BottleneckError("Bottleneck v2 takes a single object argument. Refer to https://github.com/SGrondin/bottleneck#upgrading-to-v2 if you're upgrading from Bottleneck v1.")}ready(){return this._store.ready}clients(){return this._store.clients}channel(){return`b_${this.id}`}channel_client(){return`b_${this.id}_${this._store.clientId}`}publish(e){return this._store.__publish__(e)}disconnect(e=!0){return this._store.__disconnect__(e)}chain(e){return this._limiter=e,this}queued(e){return this._queues.queued(e)}clusterQueued(){return this._store.__queued__()}empty(){return this.queued()===0&&this._submitLock.isEmpty()}running(){return this._store.__running__()}done(){return this._store.__done__()}jobStatus(e){return this._states.jobStatus(e)}jobs(e){return this._states.statusJobs(e)}counts(){return this._states.statusCounts()}_randomIndex(){return Math.random().toString(36).slice(2)}check(e=1){return this._store.__check__(e)}_clearGlobalState(e){return this._scheduled[e]!=null?(clearTimeout(this._scheduled[e].expiration),delete this._scheduled[e],!0):!1}_free(e,r,i,s){var o=this;return et(function*(){var a,l;try{var c=yield o._store.__free__(e,i.weight);if(l=c.running,o.Events.trigger("debug",`Freed ${i.id}`,s),l===0&&o.empty())return o.Events.trigger("idle")}catch(u){return a=u,o.Events.trigger("error",a)}})()}_run(e,r,i){var s,o,a;return r.doRun(),s=this._clearGlobalState.bind(this,e),a=this._run.bind(this,e,r),o=this._free.bind(this,e,r),this._scheduled[e]={timeout:setTimeout(()=>r.doExecute(this._limiter,s,a,o),i),expiration:r.options.expiration!=null?setTimeout(function(){return r.doExpire(s,a,o)},i+r.options.expiration):void 0,job:r}}_drainOne(e){return this._registerLock.schedule(()=>{var r,i,s,o,a;if(this.queued()===0)return this.Promise.resolve(null);a=this._queues.getFirst();var l=s=a.first();return o=l.options,r=l.args,e!=null&&o.weight>e?this.Promise.resolve(null):(this.Events.trigger("debug",`Draining ${o.id}`,{args:r,options:o}),i=this._randomIndex(),this._store.__register__(i,o.weight,o.expiration).then(({success:c,wait:u,reservoir:d})=>{var h;return this.Events.trigger("debug",`Drained ${o.id}`,{success:c,args:r,options:o}),c?(a.shift(),h=this.empty(),h&&this.Events.trigger("empty"),d===0&&this.Events.trigger("depleted",h),this._run(i,s,u),this.Promise.resolve(o.weight)):this.Promise.resolve(null)}))})}_drainAll(e,r=0){return this._drainOne(e).then(i=>{var s;return i!=null?(s=e!=null?e-i:e,this._drainAll(s,r+i)):this.Promise.resolve(r)}).catch(i=>this.Events.trigger("error",i))}_dropAllQueued(e){return this._queues.shiftAll(function(r){return r.doDrop({message:e})})}stop(e={}){var r,i;return e=I.load(e,this.stopDefaults),i=s=>{var o;return o=()=>{var a;return a=this._states.counts,a[0]+a[1]+a[2]+a[3]===s},new this.Promise((a,l)=>o()?a():this.on("done",()=>{if(o())return this.removeAllListeners("done"),a()}))},r=e.dropWaitingJobs?(this._run=function(s,o){return o.doDrop({message:e.dropErrorMessage})},this._drainOne=()=>this.Promise.resolve(null),this._registerLock.schedule(()=>this._submitLock.schedule(()=>{var s,o,a;o=this._scheduled;for(s in o)a=o[s],this.jobStatus(a.job.options.id)==="RUNNING"&&(clearTimeout(a.timeout),clearTimeout(a.expiration),a.job.doDrop({message:e.dropErrorMessage}));return this._dropAllQueued(e.dropErrorMessage),i(0)}))):this.schedule({priority:nt-1,weight:0},()=>i(1)),this._receive=function(s){return s._reject(new n.prototype.BottleneckError(e.enqueueErrorMessage))},this.stop=()=>this.Promise.reject(new n.prototype.BottleneckError("stop() has already been called")),r}_addToQueue(e){var r=this;return et(function*(){var i,s,o,a,l,c,u;i=e.args,a=e.options;try{var d=yield r._store.__submit__(r.queued(),a.weight);l=d.reachedHWM,s=d.blocked,u=d.strategy}catch(h){return o=h,r.Events.trigger("debug",`Could not queue ${a.id}`,{args:i,options:a,error:o}),e.doDrop({error:o}),!1}return s?(e.doDrop(),!0):l&&(c=u===n.prototype.strategy.LEAK?r._queues.shiftLastFrom(a.priority):u===n.prototype.strategy.OVERFLOW_PRIORITY?r._queues.shiftLastFrom(a.priority+1):u===n.prototype.strategy.OVERFLOW?e:void 0,c?.doDrop(),c==null||u===n.prototype.strategy.OVERFLOW)?(c==null&&e.doDrop(),l):(e.doQueue(l,s),r._queues.push(e),yield r._drainAll(),l)})()}_receive(e){return this._states.jobStatus(e.options.id)!=null?(e._reject(new n.prototype.BottleneckError(`A job with the same id already exists (id=${e.options.id})`)),!1):(e.doReceive(),this._submitLock.schedule(this._addToQueue,e))}submit(...e){var r,i,s,o,a,l,c;if(typeof e[0]=="function"){var u,d,h,p;a=e,u=a,d=Oe(u),i=d[0],e=d.slice(1),h=en.call(e,-1),p=Qr(h,1),r=p[0],o=I.load({},this.jobDefaults)}else{var m,g,f,y;l=e,m=l,g=Oe(m),o=g[0],i=g[1],e=g.slice(2),f=en.call(e,-1),y=Qr(f,1),r=y[0],o=I.load(o,this.jobDefaults)}return c=(...R)=>new this.Promise(function(ee,O){return i(...R,function(...M){return(M[0]!=null?O:ee)(M)})}),s=new rt(c,e,o,this.jobDefaults,this.rejectOnDrop,this.Events,this._states,this.Promise),s.promise.then(function(R){return typeof r=="function"?r(...R):void 0}).catch(function(R){return Array.isArray(R)?typeof r=="function"?r(...R):void 0:typeof r=="function"?r(R):void 0}),this._receive(s)}schedule(...e){var r,i,s;if(typeof e[0]=="function"){var o=e,a=Oe(o);s=a[0],e=a.slice(1),i={}}else{var l=e,c=Oe(l);i=c[0],s=c[1],e=c.slice(2)}return r=new rt(s,e,i,this.jobDefaults,this.rejectOnDrop,this.Events,this._states,this.Promise),this._receive(r),r.promise}wrap(e){var r,i;return r=this.schedule.bind(this),i=function(...o){return r(e.bind(this),...o)},i.withOptions=function(s,...o){return r(s,e,...o)},i}updateSettings(e={}){var r=this;return et(function*(){return yield r._store.__updateSettings__(I.overwrite(e,r.storeDefaults)),I.overwrite(e,r.instanceDefaults,r),r})()}currentReservoir(){return this._store.__currentReservoir__()}incrementReservoir(e=0){return this._store.__incrementReservoir__(e)}}return n.default=n,n.Events=tt,n.version=n.prototype.version=Mr().version,n.strategy=n.prototype.strategy={LEAK:1,OVERFLOW:2,OVERFLOW_PRIORITY:4,BLOCK:3},n.BottleneckError=n.prototype.BottleneckError=Q(),n.Group=n.prototype.Group=Vr(),n.RedisConnection=n.prototype.RedisConnection=De(),n.IORedisConnection=n.prototype.IORedisConnection=Pe(),n.Batcher=n.prototype.Batcher=Jr(),n.prototype.jobDefaults={priority:sn,weight:1,expiration:null,id:"<no-id>"},n.prototype.storeDefaults={maxConcurrent:null,minTime:0,highWater:null,strategy:n.prototype.strategy.LEAK,penalty:null,reservoir:null,reservoirRefreshInterval:null,reservoirRefreshAmount:null,reservoirIncreaseInterval:null,reservoirIncreaseAmount:null,reservoirIncreaseMaximum:null},n.prototype.localStoreDefaults={Promise,timeout:null,heartbeatInterval:250},n.prototype.redisStoreDefaults={Promise,timeout:null,heartbeatInterval:5e3,clientTimeout:1e4,Redis:null,clientOptions:{},clusterNodes:null,clearDatastore:!1,connection:null},n.prototype.instanceDefaults={datastore:"local",connection:null,id:"<no-id>",rejectOnDrop:!0,trackDoneStatus:!1,Promise},n.prototype.stopDefaults={enqueueErrorMessage:"This limiter has been stopped and cannot accept new jobs.",dropWaitingJobs:!0,dropErrorMessage:"This limiter has been stopped."},n}.call(void 0);un.exports=nn});var hn=b((_a,dn)=>{"use strict";dn.exports=Xe()});var w=class extends Error{name="FastDeployError"},le=class extends w{constructor(e,r,i){super(r?`${e}: ${r} ${i}`:`${e}: ${i}`);this.file=e;this.field=r}file;field;name="ManifestError"},P=class extends w{name="VersionError"},z=class extends w{constructor(e,r,i,s){super(`${e}:${r}:${i}: ${s}`);this.file=e;this.line=r;this.column=i;this.detail=s}file;line;column;detail;name="ConfigError"},re=class extends w{name="SizeError"};var wn={"":1,b:1,kb:1e3,mb:1e6,gb:1e9,tb:1e12,kib:2**10,mib:2**20,gib:2**30,tib:2**40},kn=/^(\d+(?:\.\d+)?)\s*([a-z]*)$/i;function Ji(n){let t=kn.exec(n.trim()),e=t?wn[t[2].toLowerCase()]:void 0;if(!t||e===void 0)throw new re(`"${n}" is not a size; write a number of bytes or a number with a unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), e.g. 500MB or 2GiB`);let r=Math.floor(Number(t[1])*e);if(!Number.isSafeInteger(r))throw new re(`"${n}" is too large a size`);return r}function Qi(n){let t=["B","KiB","MiB","GiB","TiB"],e=n,r=0;for(;e>=1024&&r<t.length-1;)e/=1024,r++;let i=r===0||e>=100?0:1;return`${e.toFixed(i)} ${t[r]}`}var xn=/[\u0000-\u001f\u007f\\]/;function ft(n){if(n==="")return"must not be empty";if(n.startsWith("/"))return"must be relative (it starts with /)";if(/^[A-Za-z]:/.test(n))return"must be relative (it starts with a drive letter)";if(xn.test(n))return"must not contain control characters or backslashes";if(Fe(n)>4096)return"must not be longer than 4096 bytes";for(let t of n.split("/")){if(t==="..")return"must not contain .. segments";if(t==="."||t==="")return"must be normalised (no ., empty segments or trailing /)"}}function Fe(n){let t=0;for(let e=0;e<n.length;e++){let r=n.charCodeAt(e);r<128?t+=1:r<2048?t+=2:r>=55296&&r<=56319&&e+1<n.length?(t+=4,e++):t+=3}return t}function mt(n,t){let e=Math.min(n.length,t.length);for(let r=0;r<e;r++){let i=n.codePointAt(r),s=t.codePointAt(r);if(i!==s)return i-s;i>65535&&r++}return n.length-t.length}var he=te(lt(),1);var _t=["sun","mon","tue","wed","thu","fri","sat"],Rn=["sunday","monday","tuesday","wednesday","thursday","friday","saturday"],An=/^([A-Za-z][a-z]+)\s+(\d{1,2}):(\d{2})$/,En=/^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/;function vt(n){let t=An.exec(n.trim());if(t){let r=t[1].toLowerCase(),i=_t.indexOf(r),s=i!==-1?i:Rn.indexOf(r),o=gt(t[2],t[3]);return s===-1||!o?void 0:{kind:"weekly",text:n,day:s,...o}}let e=En.exec(n.trim());if(e){let r=gt(e[2],e[3]),i=e[1],s=new Date(`${i}T00:00:00Z`);return!r||Number.isNaN(s.getTime())||s.toISOString().slice(0,10)!==i?void 0:{kind:"date",text:n,date:i,...r}}}function bt(n){try{return new Intl.DateTimeFormat("en-US",{timeZone:n}),!0}catch{return!1}}function gt(n,t){let e=Number(n),r=Number(t);return e<=23&&r<=59?{hour:e,minute:r}:void 0}function wt(n,t){return n.find(e=>$n(e,t))}function kt(n){return`${n.from.text} \u2192 ${n.to.text} (${n.timezone})`}var Sn=10080;function $n(n,t){let e=Tn(t,n.timezone),{from:r,to:i}=n;if(r.kind==="weekly"&&i.kind==="weekly"){let s=(r.day*24+r.hour)*60+r.minute,o=(i.day*24+i.hour)*60+i.minute,a=(e.day*24+e.hour)*60+e.minute;return s===o?!1:s<o?a>=s&&a<o:a>=s&&a<Sn||a<o}if(r.kind==="date"&&i.kind==="date"){let s=Me(e.date,e.hour,e.minute);return s>=Me(r.date,r.hour,r.minute)&&s<Me(i.date,i.hour,i.minute)}return!1}var yt=new Map;function Tn(n,t){let e=yt.get(t);e||(e=new Intl.DateTimeFormat("en-US",{timeZone:t,hourCycle:"h23",weekday:"short",year:"numeric",month:"2-digit",day:"2-digit",hour:"2-digit",minute:"2-digit"}),yt.set(t,e));let r={};for(let i of e.formatToParts(n))r[i.type]=i.value;return{date:`${r.year}-${r.month}-${r.day}`,day:_t.indexOf((r.weekday??"").toLowerCase()),hour:Number(r.hour),minute:Number(r.minute)}}function Me(n,t,e){return`${n} ${String(t).padStart(2,"0")}:${String(e).padStart(2,"0")}`}var Dn=["name","auto-deploy","after","production","require-tag","require-review","required-checks","targets","health-url","health-timeout","parallel","freeze","command","url"],Pn=/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/,Cn=/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;function Rt(n,t,e,r){let i=`environments[${e}]`,s=n.map(t,i,Dn),o=s.get("name");o||n.fail(s.node,i,'is missing "name"; every environment needs one');let a=n.string(o,`${i}.name`);Pn.test(a)||n.fail(o,`${i}.name`,"use letters, digits, '.', '_' or '-' (at most 255)");let l=r.find(S=>S.name.toLowerCase()===a.toLowerCase());l&&n.fail(o,`${i}.name`,`"${a}" is already defined on line ${l.line}; rename or merge them`);let c=/^prod(uction)?$/i.test(a),u={name:a,autoDeploy:{branches:[],tags:[]},after:[],production:c,requireTag:c,requireReview:!1,requiredChecks:[],targets:[a],freeze:[],line:n.lineOf(s.node)},d=S=>s.get(S),h=d("auto-deploy");if(h){let S=n.map(h,`${i}.auto-deploy`,["branches","tags"]),K=S.get("branches");K&&(u.autoDeploy.branches=n.strings(K,`${i}.auto-deploy.branches`).values);let N=S.get("tags");N&&(u.autoDeploy.tags=n.strings(N,`${i}.auto-deploy.tags`).values)}let p=d("after");if(p){let{values:S,nodes:K}=n.strings(p,`${i}.after`);S.forEach((N,gn)=>{if(r.find(_n=>_n.name.toLowerCase()===N.toLowerCase()))return;let yn=N.toLowerCase()===a.toLowerCase();n.fail(K[gn],`${i}.after`,yn?`"${a}" cannot come after itself; remove it from after`:`"${N}" is not an environment listed above "${a}"; environments deploy in the listed order, so move "${N}" above or remove it from after`)}),u.after=S}let m=d("production");m&&(u.production=n.boolean(m,`${i}.production`)),u.requireTag=u.production;let g=d("require-tag");g&&(u.requireTag=n.boolean(g,`${i}.require-tag`),u.production&&!u.requireTag&&n.fail(g,`${i}.require-tag`,"a production environment always deploys release tags; remove require-tag: false or set production: false"));let f=d("require-review");f&&(u.requireReview=n.boolean(f,`${i}.require-review`));let y=d("required-checks");y&&(u.requiredChecks=n.strings(y,`${i}.required-checks`).values);let R=d("targets");R&&(u.targets=In(n,R,`${i}.targets`));let ee=d("health-url");ee&&(u.healthUrl=xt(n,ee,`${i}.health-url`));let O=d("health-timeout");O&&(u.healthTimeout=n.integer(O,`${i}.health-timeout`,1,3600));let M=d("parallel");M&&(u.parallel=n.integer(M,`${i}.parallel`,1,256));let ae=d("freeze");ae&&(u.freeze=n.sequence(ae,`${i}.freeze`).map((S,K)=>On(n,S,`${i}.freeze[${K}]`)));let L=d("command");L&&(u.command=n.string(L,`${i}.command`));let V=d("url");return V&&(u.url=xt(n,V,`${i}.url`)),u}function In(n,t,e){let{values:r,nodes:i}=n.strings(t,e);return r.length===0&&n.fail(t,e,"list at least one target or remove targets"),r.forEach((s,o)=>{Cn.test(s)||n.fail(i[o],`${e}[${o}]`,`"${s}" must be 1-100 letters, digits, '.', '_' or '-'`),r.indexOf(s)!==o&&n.fail(i[o],`${e}[${o}]`,`"${s}" is listed twice`)}),r}function xt(n,t,e){let r=n.string(t,e),i=!1;try{i=/^https?:$/.test(new URL(r.replaceAll("{target}","target")).protocol)}catch{}return i||n.fail(t,e,`"${r}" must be an http(s) URL (it may contain {target})`),r}function On(n,t,e){let r=n.map(t,e,["from","to","timezone"]),i=c=>{let u=r.get(c);u||n.fail(r.node,e,`is missing "${c}"`);let d=n.string(u,`${e}.${c}`),h=vt(d);return h||n.fail(u,`${e}.${c}`,`"${d}" must be a weekday and time ("Fri 16:00") or a date and time ("2026-12-24 18:00")`),h},s=i("from"),o=i("to");s.kind!==o.kind&&n.fail(r.node,e,"from and to must both be weekdays or both be dates");let a=r.get("timezone"),l=a?n.string(a,`${e}.timezone`):"UTC";return bt(l)||n.fail(a,`${e}.timezone`,`"${l}" is not an IANA time zone such as Europe/Madrid or UTC`),{from:s,to:o,timezone:l}}var A=te(lt(),1);var ce=class{constructor(t,e,r){this.file=t;this.lines=e;this.doc=r}file;lines;doc;fail(t,e,r){let i=t?.range?.[0]??0,{line:s,col:o}=this.lines.linePos(i);throw new z(this.file,s,o,e?`${e}: ${r}`:r)}failAt(t,e){let{line:r,col:i}=this.lines.linePos(t);throw new z(this.file,r,i,e)}lineOf(t){return this.lines.linePos(t?.range?.[0]??0).line}resolve(t){let e=t;for(let r=0;(0,A.isAlias)(e);r++)r>20&&this.fail(e,"","too many nested aliases"),e=e.resolve(this.doc);return e??null}map(t,e,r,i){let s=this.resolve(t);(0,A.isMap)(s)||this.fail(s??i,e,"must be a mapping (key: value)");let o=new Map;o.node=s;for(let a of s.items){let l=this.resolve(a.key);(!(0,A.isScalar)(l)||typeof l.value!="string")&&this.fail(l??s,e,"keys must be plain strings");let c=l.value;if(!r.includes(c)){let u=Ln(c,r),d=e?`${e}.${c}`:c;this.fail(l,d,`unknown key${u?`; did you mean "${u}"?`:""} (allowed: ${r.join(", ")})`)}o.set(c,this.resolve(a.value)??l)}return o}string(t,e,r){let i=this.resolve(t),s=r?.allowEmpty===!0;return(!(0,A.isScalar)(i)||typeof i.value!="string"||i.value===""&&!s)&&this.fail(i,e,s?"must be a string":"must be a non-empty string"),i.value}boolean(t,e){let r=this.resolve(t);return(!(0,A.isScalar)(r)||typeof r.value!="boolean")&&this.fail(r,e,"must be true or false"),r.value}integer(t,e,r,i){let s=this.resolve(t),o=(0,A.isScalar)(s)?s.value:void 0;return(typeof o!="number"||!Number.isInteger(o)||o<r||o>i)&&this.fail(s,e,`must be a whole number from ${r} to ${i}`),o}strings(t,e){let r=this.resolve(t);if((0,A.isScalar)(r))return{values:[this.string(r,e)],nodes:[r]};(0,A.isSeq)(r)||this.fail(r,e,"must be a string or a list of strings");let i=[],s=[];return r.items.forEach((o,a)=>{let l=this.resolve(o)??r;i.push(this.string(l,`${e}[${a}]`)),s.push(l)}),{values:i,nodes:s}}sequence(t,e){let r=this.resolve(t);return(0,A.isSeq)(r)||this.fail(r,e,"must be a list"),r.items.map(i=>this.resolve(i)??r)}};function Ln(n,t){let e,r=Math.max(2,Math.floor(n.length/3))+1;for(let i of t){let s=qn(n.toLowerCase(),i);s<r&&(e=i,r=s)}return e}function qn(n,t){let e=Array.from({length:t.length+1},(r,i)=>i);for(let r=1;r<=n.length;r++){let i=[r];for(let s=1;s<=t.length;s++){let o=n[r-1]===t[s-1]?0:1;i[s]=Math.min(e[s]+1,i[s-1]+1,e[s-1]+o)}e=i}return e[t.length]}var ne=te(vn(),1);var Fn=/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/,Mn=256,Nn=/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i,zn=/^[A-Za-z0-9._/-]{0,50}$/;function U(n){return n.length<=Mn&&Fn.test(n)}function j(n,t){if(!U(n))throw new P(`${t} "${n}" is not a SemVer version; use MAJOR.MINOR.PATCH with an optional -prerelease, e.g. 1.4.2 or 1.5.0-rc.1`);return n}function At(n,t){return ne.default.compare(j(n,"version"),j(t,"version"))}function as(n){return ne.default.prerelease(j(n,"version"))!==null}function ls(n,t="v"){return St(t),`${t}${j(n,"version")}`}function Et(n,t="v"){St(t);let e=n.startsWith("refs/tags/")?n.slice(10):n;if(!e.startsWith(t))throw new P(`tag "${e}" does not start with the tag prefix "${t}"; tag releases as ${t}1.2.3 or set tag-prefix in .github/fastdeploy.yml`);let r=e.slice(t.length);if(!U(r))throw new P(`tag "${e}" is not "${t}" followed by a SemVer version; tag releases as ${t}MAJOR.MINOR.PATCH (e.g. ${t}1.2.0) or pass an explicit version`);return r}function cs(n){let t=n.tagPrefix??"v",{ref:e,explicit:r}=n,i=e.startsWith("refs/tags/");if(r!==void 0&&r!==""){let u=j(r,"version input");if(i){let d=jn(e,t);if(d!==void 0&&d!==u)throw new P(`version input "${u}" conflicts with tag "${e.slice(10)}" (version ${d}); remove the version input or build from a matching tag`)}return u}if(i)return Et(e,t);if(!Nn.test(n.sha))throw new P(`commit "${n.sha}" is not a full commit SHA (40 or 64 hex)`);let s=[Gn(e)];if(n.runNumber!==void 0){if(!Number.isSafeInteger(n.runNumber)||n.runNumber<0)throw new P(`run number ${n.runNumber} must be a whole number >= 0`);s.push(String(n.runNumber))}s.push(`sha-${n.sha.slice(0,7).toLowerCase()}`);let o=n.baseVersion?j(n.baseVersion,"base version"):"0.0.0",a=ne.default.parse(o),l=`${a.major}.${a.minor}.${a.patch}`,c=a.prerelease.length>0?`${l}-${a.prerelease.join(".")}.${s.join(".")}`:n.baseVersion?`${ne.default.inc(l,"patch")}-${s.join(".")}`:`${l}-${s.join(".")}`;return j(c,"computed version")}function jn(n,t){try{return Et(n,t)}catch{return}}function Gn(n){let t=/^refs\/pull\/(\d+)\//.exec(n);if(t)return`pr-${t[1]}`;let r=n.replace(/^refs\/(heads|remotes|tags)\//,"").replace(/^refs\//,"").toLowerCase().replace(/[^0-9a-z]+/g,"-").replace(/^-+|-+$/g,"").slice(0,40).replace(/-+$/,"");return r===""?"detached":/^\d+$/.test(r)?`branch-${r}`:r}function St(n){if(!zn.test(n))throw new P(`tag prefix "${n}" must be at most 50 letters, digits, '.', '_', '/' or '-'`)}var $t="fastdeploy/manifest@1",Ne=16*1024*1024,Tt=2e5,Bn=/^sha256:[0-9a-f]{64}$/,ze=/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,Wn=/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/,Hn=/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/,Vn=/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/,Kn=/^[A-Za-z0-9][A-Za-z0-9._+-]*\.tar\.gz$/,q={root:["schema","name","version","source","build","created_at","archive","files"],source:["repository","commit","ref"],build:["run_id","run_attempt","workflow","run_url","builder_version"],archive:["name","size","digest"],file:["path","size","digest","mode"]};function fs(n,t){return`${n}-${t}.tar.gz`}function ms(n,t){return`${n}-${t}.manifest.json`}function gs(n){let t={schema:n.schema,name:n.name,version:n.version,source:ue(n.source,q.source),build:ue(n.build,q.build),created_at:n.created_at,archive:ue(n.archive,q.archive),files:n.files.map(e=>ue(e,q.file))};return`${JSON.stringify(t,null,2)}
`}function ys(n,t){let e=(p,m)=>{throw new le(t,p,m)};(n.length>Ne||Fe(n)>Ne)&&e(void 0,`oversized manifest: more than ${Ne} bytes`);let r;try{r=JSON.parse(n)}catch(p){e(void 0,`is not valid JSON (${p.message})`)}let i=ie(r,"the manifest",q.root,e);i.schema!==$t&&e("schema",`must be "${$t}"`);let s=T(i.name,"name",e);ze.test(s)||e("name","must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");let o=T(i.version,"version",e);U(o)||e("version","must be a SemVer version such as 1.4.2");let a=ie(i.source,"source",q.source,e);Hn.test(T(a.repository,"source.repository",e))||e("source.repository","must be owner/name"),Wn.test(T(a.commit,"source.commit",e))||e("source.commit","must be a full commit SHA (40 or 64 lowercase hex)"),T(a.ref,"source.ref",e);let l=ie(i.build,"build",q.build,e);de(l.run_id,"build.run_id",0,e),de(l.run_attempt,"build.run_attempt",1,e),T(l.workflow,"build.workflow",e);let c=T(l.run_url,"build.run_url",e);c!==""&&!/^https?:\/\/\S+$/.test(c)&&e("build.run_url","must be an http(s) URL or empty"),T(l.builder_version,"build.builder_version",e);let u=T(i.created_at,"created_at",e);(!Vn.test(u)||Number.isNaN(Date.parse(u)))&&e("created_at","must be an RFC 3339 UTC timestamp such as 2026-01-31T12:00:00Z");let d=ie(i.archive,"archive",q.archive,e);Kn.test(T(d.name,"archive.name",e))||e("archive.name","must be a file name ending in .tar.gz"),de(d.size,"archive.size",0,e),Dt(d.digest,"archive.digest",e),Array.isArray(i.files)||e("files","must be an array");let h=i.files;return h.length>Tt&&e("files",`oversized manifest: more than ${Tt} files`),Un(h,e),r}function Un(n,t){let e=new Set,r;n.forEach((i,s)=>{let o=`files[${s}]`,a=ie(i,o,q.file,t),l=T(a.path,`${o}.path`,t),c=ft(l);if(c&&t(`${o}.path`,`${c}: "${l}"`),r!==void 0){let u=mt(r,l);u===0&&t(`${o}.path`,`duplicates files[${s-1}].path "${l}"`),u>0&&t(`${o}.path`,`"${l}" must sort after "${r}" (byte order)`)}r=l,e.add(l),de(a.size,`${o}.size`,0,t),Dt(a.digest,`${o}.digest`,t),a.mode!=="0644"&&a.mode!=="0755"&&t(`${o}.mode`,'must be "0644" or "0755"')});for(let i of e)for(let s=i.indexOf("/");s!==-1;s=i.indexOf("/",s+1)){let o=i.slice(0,s);e.has(o)&&t("files",`"${i}" is inside "${o}", which is a file`)}}function ie(n,t,e,r){(typeof n!="object"||n===null||Array.isArray(n))&&r(t==="the manifest"?void 0:t,"must be an object");let i=n,s=t==="the manifest"?"":`${t}.`;for(let o of Object.keys(i))e.includes(o)||r(`${s}${o}`,`is not a manifest field (expected ${e.join(", ")})`);for(let o of e)o in i||r(`${s}${o}`,"is missing");return i}function T(n,t,e){return typeof n!="string"&&e(t,"must be a string"),n}function de(n,t,e,r){return(typeof n!="number"||!Number.isSafeInteger(n)||n<e)&&r(t,`must be an integer >= ${e}`),n}function Dt(n,t,e){(typeof n!="string"||!Bn.test(n))&&e(t,"must be sha256:<64 hex>")}function ue(n,t){let e={};for(let r of t)e[r]=n[r];return e}var Yn=".github/fastdeploy.yml",Pt=1024*1024;function je(){return{tagPrefix:"v",build:{path:[]},deploy:{},environments:[]}}var Zn=["name","tag-prefix","build","deploy","environments"],Jn=["command","path","working-directory"],Qn=["command","parallel","health-timeout"],Xn=/^[A-Za-z0-9._/-]{0,50}$/;function xs(n,t=Yn){if(n===void 0)return je();if(n.length>Pt)throw new z(t,1,1,`the file is larger than ${Pt} bytes`);let e=new he.LineCounter,r=(0,he.parseDocument)(n,{lineCounter:e,keepSourceTokens:!0,prettyErrors:!1}),i=new ce(t,e,r),s=r.errors[0];if(s&&i.failAt(s.pos[0],`invalid YAML: ${s.message.split(`
`)[0]}`),r.contents===null)return je();let o=i.map(r.contents,"",Zn),a=je(),l=o.get("name");l!==void 0&&(a.name=i.string(l,"name"),ze.test(a.name)||i.fail(l,"name","use 1-100 letters, digits, '.', '_' or '-' (it names the archive)"));let c=o.get("tag-prefix");c!==void 0&&(a.tagPrefix=i.string(c,"tag-prefix",{allowEmpty:!0}),Xn.test(a.tagPrefix)||i.fail(c,"tag-prefix","use at most 50 letters, digits, '.', '_', '/' or '-'"));let u=o.get("build");if(u!==void 0){let p=i.map(u,"build",Jn),m=p.get("command");m&&(a.build.command=i.string(m,"build.command"));let g=p.get("path");g&&(a.build.path=i.strings(g,"build.path").values);let f=p.get("working-directory");f&&(a.build.workingDirectory=i.string(f,"build.working-directory"))}let d=o.get("deploy");if(d!==void 0){let p=i.map(d,"deploy",Qn),m=p.get("command");m&&(a.deploy.command=i.string(m,"deploy.command"));let g=p.get("parallel");g&&(a.deploy.parallel=i.integer(g,"deploy.parallel",1,256));let f=p.get("health-timeout");f&&(a.deploy.healthTimeout=i.integer(f,"deploy.health-timeout",1,3600))}let h=o.get("environments");return h!==void 0&&i.sequence(h,"environments").forEach((p,m)=>{a.environments.push(Rt(i,p,m,a.environments))}),a}var Y="deploy:fastdeploy";var ei={queued:["in_progress","failure","error"],pending:["in_progress","failure","error"],in_progress:["success","failure","error"],success:["inactive"],failure:[],error:[],inactive:[]};function It(n,t){return n===void 0?t==="queued"||t==="pending"||t==="in_progress":ei[n].includes(t)}var ti=/^sha256:[0-9a-f]{64}$/;function Ge(n){if(n.task!==Y)return{kind:"foreign",reason:`task is "${n.task}", not "${Y}"`};let t=n.payload;if(typeof t=="string")try{t=JSON.parse(t)}catch{return{kind:"foreign",reason:"payload is not JSON"}}let e=ri(t);return typeof e=="string"?{kind:"foreign",reason:e}:{kind:"fastdeploy",payload:e}}function ri(n){let t=G(n)?n.fastdeploy:void 0;if(!G(t))return"payload has no fastdeploy object";let{version:e,digest:r,release_id:i,targets:s}=t;if(typeof e!="string"||e==="")return"fastdeploy.version is missing";if(typeof r!="string"||!ti.test(r))return"fastdeploy.digest is not sha256:<64 hex>";if(typeof i!="number")return"fastdeploy.release_id is not a number";if(!Array.isArray(s)||!s.every(c=>typeof c=="string"))return"fastdeploy.targets is not a list of names";let o={version:e,digest:r,release_id:i,targets:s,approval:G(t.approval)?t.approval:null},a=t.rollback;G(a)&&typeof a.from=="string"&&(o.rollback={from:a.from,reason:Ct(a.reason,"")});let l=t.force;return G(l)&&(o.force={reason:Ct(l.reason,"")},Array.isArray(l.overrides)&&(o.force.overrides=l.overrides.map(String))),t.undeploy===!0&&(o.undeploy=!0),typeof t.committed_at=="string"&&(o.committed_at=t.committed_at),Array.isArray(t.bad)&&(o.bad=t.bad.filter(ni)),Array.isArray(t.good)&&(o.good=t.good.filter(ii)),o}function ni(n){return G(n)&&typeof n.version=="string"}function ii(n){return G(n)&&typeof n.version=="string"&&typeof n.digest=="string"&&typeof n.deployment_id=="number"}function G(n){return typeof n=="object"&&n!==null&&!Array.isArray(n)}function Ct(n,t){return typeof n=="string"?n:t}function Z(n){return(n.state==="success"||n.state==="inactive")&&!n.payload.undeploy}function se(n){for(let t of n)if(!(t.state!=="success"&&t.state!=="inactive"))return t.payload.undeploy?void 0:t}function Es(n){let t=n.state==="success"||n.state==="inactive"?"success":n.state==="failure"||n.state==="error"?n.state:"pending";return{version:n.version,createdAt:n.createdAt,finishedAt:n.finishedAt??n.updatedAt,outcome:t,...n.payload.rollback?{rollbackFrom:n.payload.rollback.from}:{},...n.payload.undeploy?{undeploy:!0}:{},...n.payload.committed_at?{committedAt:n.payload.committed_at}:{}}}var Be=36e5,si=24*Be;function Ss(n,t){let e=t.now.getTime(),r=e-t.windowDays*si,i=f=>{if(!f)return!1;let y=Date.parse(f);return y>=r&&y<=e},s=[...n].sort((f,y)=>B(f.createdAt)-B(y.createdAt)),o=f=>!f.rollbackFrom&&!f.undeploy&&f.outcome!=="pending",a=oi(s,o),l=f=>f.outcome==="failure"||f.outcome==="error"||a.has(f),c=s.filter(f=>o(f)&&i(f.createdAt)),u=c.filter(f=>f.outcome==="success"),d=c.filter(l),h=[],p=new Map;for(let f of s)f.outcome==="success"&&!f.undeploy&&!p.has(f.version)&&p.set(f.version,f);for(let f of p.values()){let y=f.finishedAt??f.createdAt;f.committedAt&&i(y)&&h.push((B(y)-B(f.committedAt))/Be)}let{restoreHours:m,unrestored:g}=ai(s,a,i);return{windowDays:t.windowDays,from:new Date(r).toISOString(),to:new Date(e).toISOString(),changes:c.length,successfulChanges:u.length,failedChanges:d.length,deploymentFrequency:t.windowDays>0?u.length/t.windowDays:0,leadTime:Ot(h),changeFailureRate:c.length?d.length/c.length:null,timeToRestore:Ot(m),unrestored:g}}function oi(n,t){let e=new Map;return n.forEach((r,i)=>{if(r.rollbackFrom)for(let s=i-1;s>=0;s--){let o=n[s];if(t(o)&&o.outcome==="success"&&o.version===r.rollbackFrom){e.set(o,r);return}}}),e}function ai(n,t,e){let r=[];for(let a of n){(a.outcome==="failure"||a.outcome==="error")&&r.push({at:B(a.finishedAt??a.createdAt),kind:"down"});let l=t.get(a);l&&r.push({at:B(l.createdAt),kind:"down"}),a.outcome==="success"&&!a.undeploy&&r.push({at:B(a.finishedAt??a.createdAt),kind:"up"})}r.sort((a,l)=>a.at-l.at||(a.kind==="down"?-1:1));let i=[],s=0,o;for(let a of r)a.kind==="down"?o??=a.at:o!==void 0&&(e(new Date(o).toISOString())&&i.push((a.at-o)/Be),o=void 0);return o!==void 0&&e(new Date(o).toISOString())&&(s=1),{restoreHours:i,unrestored:s}}function Ot(n){if(!n.length)return{median:null,mean:null,samples:0};let t=[...n].sort((s,o)=>s-o),e=Math.floor(t.length/2),r=t.length%2?t[e]:(t[e-1]+t[e])/2,i=t.reduce((s,o)=>s+o,0)/t.length;return{median:r,mean:i,samples:t.length}}function B(n){return Date.parse(n)}var k={allowed:!0};function x(n,t){return{allowed:!1,code:n,message:t}}function pe(n){return n.force===!0&&(n.reason??"").trim()!==""}function fe(n){return x("force_reason",`force needs a reason to bypass the ${n}; set the reason input (it is recorded on the deployment)`)}function me(n,t,e={}){let r=t.find(s=>s.version===n.version);if(!r)return k;let i=r.reason?` (${r.reason})`:"";return pe(e)?{allowed:!0,override:{rule:"bad-version",detail:`${n.version} was rolled back from${i}`}}:e.force?fe(`bad-version hold on ${n.version}`):x("bad_version",`${n.version} was rolled back from in ${n.environment}${i} and is held there; deploy a fixed version, or set force: true with a reason`)}function Lt(n,t,e,r={}){let i=wt(t,e);if(!i)return k;let s=kt(i);return pe(r)?{allowed:!0,override:{rule:"freeze",detail:`${n} frozen ${s}`}}:r.force?fe(`freeze window ${s} of ${n}`):x("frozen",`${n} is frozen (${s}) at ${e.toISOString()}; deploy after the window ends, or set force: true with a reason to override it`)}function qt(n,t,e={}){if(!t)return k;let r=At(n.version,t.version);return r===0?n.digest!==t.digest?k:e.force?{allowed:!0,override:{rule:"already-deployed",detail:`redeploy of ${n.version}`}}:x("already_deployed",`${n.environment} already runs ${n.version} (${n.digest}); nothing to do (set force: true to deploy it again)`):r>0||e.rollback||e.allowDowngrade?k:x("outdated",`${n.environment} runs ${t.version}, newer than ${n.version}; a deploy never goes backwards \u2014 use the rollback action, or set allow-downgrade: true`)}function Ft(n,t,e){for(let r of t){let i=e[r]??[];if(i.some(o=>o.version===n.version&&o.digest===n.digest))continue;let s=i.find(o=>o.version===n.version);return s?x("promotion_order",`${n.environment} needs ${n.version} (${n.digest}) to have succeeded in ${r} first, but ${r} ran ${n.version} with another digest (${s.digest}); the release was rebuilt \u2014 deploy the published release to ${r}, then retry`):x("promotion_order",`${n.environment} needs ${n.version} (${n.digest}) to have succeeded in ${r} first; deploy it to ${r}, then retry`)}return k}function Mt(n,t){if(!t.requireTag)return k;let e=`refs/tags/${t.tagPrefix??"v"}${n.version}`;return n.sourceRef===e?k:x("release_tag",`${n.environment} deploys only release tags, but ${n.version} was built from ${n.sourceRef}; push the tag ${e.slice(10)} and deploy the version it builds`)}function Ws(n,t){let{environment:e,version:r,digest:i}=n,s=[()=>Lt(e,n.freeze,n.at,n),()=>Mt({environment:e,version:r,sourceRef:n.sourceRef},{requireTag:n.requireTag,tagPrefix:n.tagPrefix}),()=>n.rollback?{allowed:!0}:Ft({environment:e,version:r,digest:i},n.after,t.successes),()=>me({environment:e,version:r},t.bad,n),()=>qt({environment:e,version:r,digest:i},t.live,{rollback:n.rollback,allowDowngrade:n.allowDowngrade,force:n.force})],o=[];for(let a of s){let l=a();if(!l.allowed)return l;l.override&&o.push(l.override)}return{allowed:!0,overrides:o}}function Ks(n,t,e){let r=t.find(s=>s.state==="rejected");if(r){let s=r.comment?`: "${r.comment}"`:"";return x("review",`${r.login} rejected this run for ${n.environment}${s}`)}if(!e.requireReview)return k;if(t.some(s=>s.state==="approved"&&s.login!==n.actor))return k;let i=t.some(s=>s.state==="approved"&&s.login===n.actor);return x("review",i?`${n.environment} requires a review by someone other than ${n.actor}, who started the run and approved it; ask another reviewer to approve`:`${n.environment} requires a review and nobody approved this run; add required reviewers to the ${n.environment} environment so runs wait for one`)}function Us(n,t,e){let r=[];for(let i of t){let s=e.filter(o=>o.name===i);s.length?s.some(o=>o.result==="failed")?r.push(`${i} failed`):s.some(o=>o.result==="pending")&&r.push(`${i} is still running`):r.push(`${i} has not run`)}return r.length?x("required_checks",`required checks on ${n.slice(0,7)}: ${r.join(", ")}; fix or re-run them, then retry`):k}function ye(n,t){let e=n[0]?.environment??"the environment",r=se(n),i=r?n.indexOf(r):-1;if(!r)return ge(`nothing runs in ${e}, so there is nothing to roll back from; use distribute`);let s={version:r.version,digest:r.digest,deploymentId:r.deploymentId},o=We(n,t.bad);if(t.to!=="previous"){let u=t.to;if(!U(u))return ge(`rollback target "${u}" is not a SemVer version; give a version such as 1.4.2 or "previous"`);if(u===r.version)return ge(`${e} already runs ${u}; nothing to roll back to`);let d=me({environment:e,version:u},o,t);if(!d.allowed)return d;let h=n.find(m=>m.version===u&&Z(m)),p=h?{version:u,digest:h.digest,deploymentId:h.deploymentId}:{version:u};return{allowed:!0,from:s,to:p,...d.override?{override:d.override}:{}}}let a=u=>u!==r.version&&!o.some(d=>d.version===u),l=r.payload.good?.find(u=>a(u.version));if(l)return{allowed:!0,from:s,to:{version:l.version,digest:l.digest,deploymentId:l.deployment_id}};let c=n.slice(i+1).find(u=>Z(u)&&a(u.version));return c?{allowed:!0,from:s,to:{version:c.version,digest:c.digest,deploymentId:c.deploymentId}}:ge(`no version succeeded in ${e} before ${r.version} that is not marked bad; give the rollback an explicit version (to: 1.2.3)`)}function We(n,t=[]){let e=[...t];for(let i of n){e.push(...i.payload.bad??[]);let s=i.payload.rollback;s&&e.push({version:s.from,reason:s.reason,deployment_id:i.deploymentId})}let r=new Set;return e.filter(i=>!r.has(i.version)&&r.add(i.version))}function ge(n){return{allowed:!1,code:"rollback_target",message:n}}async function vo(n,t,e,r){let{data:i}=await n.rest.actions.getReviewsForRun({...t,run_id:e}),s=r?.toLowerCase();return i.map(o=>({login:o.user.login,userType:o.user.type,state:o.state,comment:o.comment,environments:o.environments.flatMap(a=>a.name?[a.name]:[])})).filter(o=>!s||o.environments.some(a=>a.toLowerCase()===s))}async function bo(n,t,e){let r;try{({data:r}=await n.rest.repos.getEnvironment({...t,environment_name:e}))}catch(s){if(s.status===404)return;throw s}let i={name:r.name,waitTimer:0,preventSelfReview:!1,reviewers:[],branchPolicy:r.deployment_branch_policy??null};for(let s of r.protection_rules??[])if(s.type==="wait_timer"&&"wait_timer"in s&&(i.waitTimer=s.wait_timer??0),s.type==="required_reviewers"&&"reviewers"in s){i.preventSelfReview=!!s.prevent_self_review;for(let o of s.reviewers??[]){let a=o.reviewer;!a?.id||o.type!=="User"&&o.type!=="Team"||i.reviewers.push({type:o.type,id:a.id,name:a.login??a.slug??""})}}return i}var li=new Set(["success","neutral","skipped"]);async function ko(n,t,e){let i=(await n.paginate(n.rest.checks.listForRef,{...t,ref:e,filter:"latest",per_page:100})).map(o=>({name:o.name,kind:"check_run",detail:o.status==="completed"?o.conclusion??"none":o.status,result:o.status!=="completed"?"pending":li.has(o.conclusion??"")?"passed":"failed"})),{data:s}=await n.rest.repos.getCombinedStatusForRef({...t,ref:e,per_page:100});for(let o of s.statuses)i.push({name:o.context,kind:"status",detail:o.state,result:o.state==="success"?"passed":o.state==="pending"?"pending":"failed"});return i}var _e=class extends w{constructor(e){super(`A published release already holds tag ${e}.`);this.tag=e}tag;name="ReleaseTagTakenError"},W=class extends w{constructor(e){super(`Release ${e} no longer exists; it was deleted while this run worked on it.`);this.releaseId=e}releaseId;name="ReleaseGoneError"},Nt=100,ci=3600*1e3;function we(n){return{id:n.id,name:n.name,size:n.size,digest:typeof n.digest=="string"&&n.digest!==""?n.digest:null,state:n.state,url:n.browser_download_url}}function oe(n){return{id:n.id,tagName:n.tag_name,draft:n.draft,prerelease:n.prerelease,createdAt:n.created_at,htmlUrl:n.html_url,uploadUrl:n.upload_url,targetCommitish:n.target_commitish,assets:(n.assets??[]).map(we)}}var $=n=>n.status;function ve(n,t){return $(n)!==422?!1:(n.response?.data?.errors??[]).some(r=>r?.code==="already_exists"&&(!r.resource||r.resource===t))}var be=class{constructor(t,e){this.client=t;this.repo=e}client;repo;async find(t,e={}){let r=e.since?Date.parse(e.since)-ci:Number.NaN,i={drafts:[],seen:[],complete:!1};for(let s=1;;s++){let o=await this.client.rest.repos.listReleases({...this.repo,per_page:Nt,page:s}),a=o.data.map(oe);for(let u of a)u.draft?u.tagName===t&&i.drafts.push(u):(i.seen.push(u),u.tagName===t&&!i.published&&(i.published=u));if(!/\brel="next"/.test(o.headers.link??"")||a.length===0){i.complete=!0;break}let c=a[a.length-1];if(Number.isFinite(r)&&Date.parse(c.createdAt)<r)break}return!i.published&&!i.complete&&(i.published=await this.getByTag(t)),i.drafts.sort((s,o)=>s.createdAt.localeCompare(o.createdAt)||s.id-o.id),i}async getByTag(t){try{let e=await this.client.rest.repos.getReleaseByTag({...this.repo,tag:t});return oe(e.data)}catch(e){if($(e)===404)return;throw e}}async get(t){try{let e=await this.client.rest.repos.getRelease({...this.repo,release_id:t});return oe(e.data)}catch(e){throw $(e)===404?new W(t):e}}async createDraft(t){try{let e=await this.client.rest.repos.createRelease({...this.repo,tag_name:t.tag,target_commitish:t.target,name:t.name??t.tag,...t.body!==void 0?{body:t.body}:{},draft:!0,prerelease:t.prerelease});return oe(e.data)}catch(e){throw ve(e,"Release")?new _e(t.tag):e}}async publish(t,e){try{let r=await this.client.rest.repos.updateRelease({...this.repo,release_id:t.id,draft:!1,target_commitish:e.target,prerelease:e.prerelease,make_latest:e.makeLatest?"true":"false",...e.name!==void 0?{name:e.name}:{},...e.body!==void 0?{body:e.body}:{}});return oe(r.data)}catch(r){throw ve(r,"Release")?new _e(t.tagName):$(r)===404?new W(t.id):r}}async delete(t){try{await this.client.rest.repos.deleteRelease({...this.repo,release_id:t})}catch(e){if($(e)!==404)throw e}}async deleteAsset(t){try{await this.client.rest.repos.deleteReleaseAsset({...this.repo,asset_id:t})}catch(e){if($(e)!==404)throw e}}async listAssets(t){try{return(await this.client.paginate(this.client.rest.repos.listReleaseAssets,{...this.repo,release_id:t,per_page:Nt})).map(we)}catch(e){throw $(e)===404?new W(t):e}}async generateNotes(t){let e=await this.client.rest.repos.generateReleaseNotes({...this.repo,tag_name:t.tag,target_commitish:t.target,...t.previousTag?{previous_tag_name:t.previousTag}:{}});return{name:e.data.name,body:e.data.body}}};var J=class extends w{name="TagError"},zt=class extends J{constructor(e,r,i){super(`Tag ${e} points at commit ${r}, but this release is of commit ${i}. A release tag never moves: publish a new version, or delete the tag if it was created by mistake.`);this.tag=e;this.actual=r;this.expected=i}tag;actual;expected;name="TagMismatchError"},ui=/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/,jt=5;async function di(n,t,e){return(await n.rest.git.listMatchingRefs({...t,ref:`tags/${e}`})).data.map(i=>({name:i.ref.replace(/^refs\/tags\//,""),objectSha:i.object.sha,objectType:i.object.type}))}async function $o(n,t,e){let r=(await di(n,t,e)).find(i=>i.name===e);if(r)return{...r,commit:await hi(n,t,r)}}async function hi(n,t,e){let r=e.objectSha,i=e.objectType;for(let s=0;i==="tag";s++){if(s>=jt)throw new J(`Tag ${e.name} nests more than ${jt} tag objects.`);let o=await n.rest.git.getTag({...t,tag_sha:r});r=o.data.object.sha,i=o.data.object.type}if(i!=="commit")throw new J(`Tag ${e.name} points at a ${i}, not a commit.`);return r}async function To(n,t,e){if(ui.test(e))return e;try{return(await n.rest.repos.getCommit({...t,ref:e})).data.sha}catch(r){throw $(r)===404||$(r)===422?new J(`"${e}" is not a commit, branch or tag of ${t.owner}/${t.repo}; pass a full commit SHA as target, or leave it empty to use the manifest's commit.`):r}}var Gt=100,pi=new Set(["success","failure","error"]),ke=class{constructor(t,e,r){this.client=t;this.repo=e;this.environment=r}client;repo;environment;loaded=[];states=new Map;iterator;exhausted=!1;skipped=0;async*pages(t={}){let e=this.client.paginate.iterator(this.client.rest.repos.listDeployments,{...this.repo,environment:this.environment,task:Y,per_page:Gt,...t});for await(let r of e){let i=[];for(let s of r.data){let o=Ge({task:s.task,payload:s.payload});if(o.kind==="foreign"){this.skipped+=1;continue}i.push({deploymentId:s.id,environment:s.environment,ref:s.ref,sha:s.sha,createdAt:s.created_at,production:s.production_environment??!1,transient:s.transient_environment??!1,payload:o.payload})}yield i}}async deployment(t){for(;this.loaded.length<=t&&!this.exhausted;){this.iterator??=this.pages()[Symbol.asyncIterator]();let e=await this.iterator.next();e.done?this.exhausted=!0:this.loaded.push(...e.value)}return this.loaded[t]}async entry(t){let e=await this.deployment(t);return e&&this.withState(e)}async*entries(){for(let t=0;;t++){let e=await this.entry(t);if(!e)return;yield e}}indexOf(t){return this.loaded.findIndex(e=>e.deploymentId===t)}async byId(t){let e=this.loaded.find(s=>s.deploymentId===t);if(e)return e;let{data:r}=await this.client.rest.repos.getDeployment({...this.repo,deployment_id:t}),i=Ge({task:r.task,payload:r.payload});if(!(i.kind==="foreign"||r.environment!==this.environment))return{deploymentId:r.id,environment:r.environment,ref:r.ref,sha:r.sha,createdAt:r.created_at,production:r.production_environment??!1,transient:r.transient_environment??!1,payload:i.payload}}async withState(t){let e=this.states.get(t.deploymentId);e||(e=this.readStatuses(t.deploymentId),this.states.set(t.deploymentId,e));let r=await e;return{deploymentId:t.deploymentId,environment:t.environment,version:t.payload.version,digest:t.payload.digest,state:r?.state,createdAt:t.createdAt,ref:t.ref,sha:t.sha,payload:t.payload,...r?{updatedAt:r.updatedAt}:{},...r?.finishedAt?{finishedAt:r.finishedAt}:{}}}async readStatuses(t){let{data:e}=await this.client.rest.repos.listDeploymentStatuses({...this.repo,deployment_id:t,per_page:Gt}),r=e[0];if(!r)return;let i=e.find(s=>pi.has(s.state));return{state:r.state,updatedAt:r.created_at,finishedAt:i?.created_at}}};var fi=5,xe=class{constructor(t,e,r){this.environment=r;this.history=new ke(t,e,r)}environment;history;liveMemo;badMemo;live(){return this.liveMemo??=this.findLive(),this.liveMemo}bad(){return this.badMemo??=this.findBad(),this.badMemo}async isBad(t){return(await this.bad()).find(e=>e.version===t)}async snapshot(){let[t,e]=await Promise.all([this.live(),this.bad()]);return{environment:this.environment,live:t,bad:e}}async rollbackTarget(t){let e=await this.live(),r=await this.bad();if(!e)return ye([],{...t,bad:r});let i=[e],s=ye(i,{...t,bad:r});if(s.allowed||s.code!=="rollback_target"||t.to!=="previous")return s;let o=this.history.indexOf(e.deploymentId);if(o<0&&(o=await this.locate(e.deploymentId)),o<0)return s;for(let a=o+1;;a++){let l=await this.history.entry(a);if(!l)return s;if(i.push(l),!!Z(l)&&(s=ye(i,{...t,bad:r}),s.allowed))return s}}async lastKnownGood(){let t=await this.rollbackTarget({to:"previous"});if(!(!t.allowed||!t.to.digest||t.to.deploymentId===void 0))return{version:t.to.version,digest:t.to.digest,deploymentId:t.to.deploymentId}}async successesOf(t,e){let r=[];for await(let i of this.history.pages({ref:e}))for(let s of i){if(s.payload.version!==t||r.some(a=>a.digest===s.payload.digest))continue;let o=await this.history.withState(s);Z(o)&&r.push({version:t,digest:o.digest})}return r}async findLive(){for(let t=0;;t++){let e=await this.history.entry(t);if(!e)return;if(e.state==="success"||e.state==="inactive")return se([e]);if(t+1===fi){let r=await this.liveFromIndex();if(r)return r}}}async liveFromIndex(){let e=(await this.history.deployment(0))?.payload.good?.[0];if(!e)return;let r=await this.history.byId(e.deployment_id);if(!r)return;let i=await this.history.withState(r);return se([i])}async findBad(){let t=[];for(let e=0;;e++){let r=await this.history.deployment(e);if(!r||(t.push({...r,version:r.payload.version,digest:r.payload.digest,state:void 0}),r.payload.bad))break}return We(t)}async locate(t){for(let e=0;;e++){let r=await this.history.deployment(e);if(!r)return-1;if(r.deploymentId===t)return e}}};var Re=class extends w{name="LedgerError"},He=class{constructor(t,e,r,i){this.ledger=t;this.id=e;this.environment=r;this.payload=i}ledger;id;environment;payload;state=void 0;async setStatus(t,e={}){if(!It(this.state,t))throw new Re(`deployment ${this.id} in ${this.environment} cannot go from ${this.state??"created"} to ${t}`);await this.ledger.setStatus(this.id,t,e),this.state=t}},Bt=class{constructor(t,e){this.client=t;this.repo=e}client;repo;views=new Map;environment(t){let e=this.views.get(t);return e||(e=new xe(this.client,this.repo,t),this.views.set(t,e)),e}async createDeployment(t){let e=await this.client.rest.repos.createDeployment({...this.repo,ref:t.ref,task:Y,auto_merge:!1,required_contexts:[],payload:{fastdeploy:t.payload},environment:t.environment,production_environment:t.production,transient_environment:t.transient??!1,description:t.description??`FastDeploy ${t.payload.version}`});if(e.status!==201||!("id"in e.data)){let r="message"in e.data?e.data.message:"no deployment";throw new Re(`GitHub created no deployment for ${t.ref} in ${t.environment} (${e.status}: ${r}); check that the tag exists and retry`)}return new He(this,e.data.id,t.environment,t.payload)}async setStatus(t,e,r={}){await this.client.rest.repos.createDeploymentStatus({...this.repo,deployment_id:t,state:e,...r.log_url?{log_url:r.log_url}:{},...r.environment_url?{environment_url:r.environment_url}:{},...r.description?{description:r.description.slice(0,140)}:{},...r.auto_inactive!==void 0?{auto_inactive:r.auto_inactive}:{}})}async promotionFacts(t,e,r){let i={};for(let s of t)i[s]=await this.environment(s).successesOf(e,r);return i}};var Ht=te(bn(),1),mi="0.0.0-development",Ve=()=>Promise.resolve();function gi(n,t,e){return n.retryLimiter.schedule(yi,n,t,e)}async function yi(n,t,e){let{pathname:r}=new URL(e.url,"http://github.test"),i=_i(e.method,r),s=!i&&e.method!=="GET"&&e.method!=="HEAD",o=e.method==="GET"&&r.startsWith("/search/"),a=r.startsWith("/graphql"),c=~~t.retryCount>0?{priority:0,weight:0}:{};n.clustering&&(c.expiration=1e3*60),(s||a)&&await n.write.key(n.id).schedule(c,Ve),s&&n.triggersNotification(r)&&await n.notifications.key(n.id).schedule(c,Ve),o&&await n.search.key(n.id).schedule(c,Ve);let u=(i?n.auth:n.global).key(n.id).schedule(c,t,e);if(a){let d=await u;if(d.data.errors!=null&&d.data.errors.some(h=>h.type==="RATE_LIMITED"))throw Object.assign(new Error("GraphQL Rate Limit Exceeded"),{response:d,data:d.data})}return u}function _i(n,t){return n==="PATCH"&&/^\/applications\/[^/]+\/token\/scoped$/.test(t)||n==="POST"&&(/^\/applications\/[^/]+\/token$/.test(t)||/^\/app\/installations\/[^/]+\/access_tokens$/.test(t)||t==="/login/oauth/access_token")}var vi=["/orgs/{org}/invitations","/orgs/{org}/invitations/{invitation_id}","/orgs/{org}/teams/{team_slug}/discussions","/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments","/repos/{owner}/{repo}/collaborators/{username}","/repos/{owner}/{repo}/commits/{commit_sha}/comments","/repos/{owner}/{repo}/issues","/repos/{owner}/{repo}/issues/{issue_number}/comments","/repos/{owner}/{repo}/issues/{issue_number}/sub_issue","/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority","/repos/{owner}/{repo}/pulls","/repos/{owner}/{repo}/pulls/{pull_number}/comments","/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies","/repos/{owner}/{repo}/pulls/{pull_number}/merge","/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers","/repos/{owner}/{repo}/pulls/{pull_number}/reviews","/repos/{owner}/{repo}/releases","/teams/{team_id}/discussions","/teams/{team_id}/discussions/{discussion_number}/comments"];function bi(n){let e=`^(?:${n.map(r=>r.split("/").map(i=>i.startsWith("{")?"(?:.+?)":i).join("/")).map(r=>`(?:${r})`).join("|")})[^/]*$`;return new RegExp(e,"i")}var Wt=bi(vi),Vt=Wt.test.bind(Wt),D={},wi=function(n,t){D.global=new n.Group({id:"octokit-global",maxConcurrent:10,...t}),D.auth=new n.Group({id:"octokit-auth",maxConcurrent:1,...t}),D.search=new n.Group({id:"octokit-search",maxConcurrent:1,minTime:2e3,...t}),D.write=new n.Group({id:"octokit-write",maxConcurrent:1,minTime:1e3,...t}),D.notifications=new n.Group({id:"octokit-notifications",maxConcurrent:1,minTime:3e3,...t})};function Ae(n,t){let{enabled:e=!0,Bottleneck:r=Ht.default,id:i="no-id",timeout:s=1e3*60*2,connection:o}=t.throttle||{};if(!e)return{};let a={timeout:s};typeof o<"u"&&(a.connection=o);let l=Object.assign({clustering:o!=null,triggersNotification:Vt,fallbackSecondaryRateRetryAfter:60,retryAfterBaseValue:1e3,id:i},t.throttle);if(typeof l.onSecondaryRateLimit!="function"||typeof l.onRateLimit!="function")throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);let c=!1,u=()=>{if(c)return;c=!0,D.global==null&&wi(r,a),l.global=l.global??D.global,l.auth=l.auth??D.auth,l.search=l.search??D.search,l.write=l.write??D.write,l.notifications=l.notifications??D.notifications,l.retryLimiter=l.retryLimiter??new r;let d={},h=new r.Events(d);d.on("secondary-limit",l.onSecondaryRateLimit),d.on("rate-limit",l.onRateLimit),d.on("error",p=>n.log.warn("Error in throttling-plugin limit handler",p)),l.retryLimiter.on("failed",async function(p,m){let[g,f,y]=m.args,{pathname:R}=new URL(y.url,"http://github.test");if(!(R.startsWith("/graphql")&&p.status!==401||p.status===403||p.status===429))return;let O=~~f.retryCount;f.retryCount=O,y.request.retryCount=O;let{wantRetry:M,retryAfter:ae=0}=await(async function(){if(/\bsecondary rate\b/i.test(p.message)){let L=Number(p.response.headers["retry-after"])||g.fallbackSecondaryRateRetryAfter;return{wantRetry:await h.trigger("secondary-limit",L,y,n,O),retryAfter:L}}if(p.response.headers!=null&&p.response.headers["x-ratelimit-remaining"]==="0"||(p.response.data?.errors??[]).some(L=>L.type==="RATE_LIMITED")){let L=new Date(~~p.response.headers["x-ratelimit-reset"]*1e3).getTime(),V=Math.max(Math.ceil((L-Date.now())/1e3)+1,0);return{wantRetry:await h.trigger("rate-limit",V,y,n,O),retryAfter:V}}return{}})();if(M)return f.retryCount++,ae*g.retryAfterBaseValue})};return n.hook.wrap("request",(d,h)=>(u(),gi(l,d,h))),{}}Ae.VERSION=mi;Ae.triggersNotification=Vt;var Kt="22.0.1";var Ut=ut.plugin(dt,pt,ht).defaults({userAgent:`octokit-rest.js/${Kt}`});var st=te(hn(),1),Ii=Ut.plugin(ct,Ae),Oi="https://api.github.com",Le=3;function ka(n){let t=n.warn??(()=>{}),e=n.retryBaseMs??1e3,r=0,i=new Ii({auth:n.token,baseUrl:(n.apiUrl??Oi).replace(/\/+$/,""),userAgent:n.userAgent??"fastdeploy",log:{debug:s=>n.debug?.(s),info:s=>n.debug?.(s),warn:s=>t(s),error:s=>t(s)},retry:{retries:n.retries??3,retryAfterBaseValue:e},throttle:{retryAfterBaseValue:e,write:new st.default.Group({id:"fastdeploy-write",maxConcurrent:1,minTime:n.writeIntervalMs??1e3}),notifications:new st.default.Group({id:"fastdeploy-notifications",maxConcurrent:1,minTime:n.writeIntervalMs??3e3}),onRateLimit:(s,o,a,l)=>(t(`GitHub rate limit reached for ${o.method} ${o.url}; retrying in ${s} s (attempt ${l+1} of ${Le}).`),l<Le),onSecondaryRateLimit:(s,o,a,l)=>(t(`GitHub secondary rate limit hit for ${o.method} ${o.url}; retrying in ${s} s (attempt ${l+1} of ${Le}).`),l<Le)}});return i.hook.before("request",()=>{r+=1}),Object.assign(i,{requestCount:()=>r})}function xa(n=process.env){let t=e=>{let r=n[e];if(r===void 0||r==="")return;let i=Number(r);if(!Number.isFinite(i)||i<0)throw new Error(`${e} must be a number of milliseconds, got "${r}".`);return i};return{retryBaseMs:t("FASTDEPLOY_RETRY_BASE_MS"),writeIntervalMs:t("FASTDEPLOY_WRITE_INTERVAL_MS")}}import{join as Bi}from"node:path";import{createHash as Li}from"node:crypto";import{createWriteStream as qi}from"node:fs";import{rm as Fi}from"node:fs/promises";import{Readable as Mi,Transform as Ni,Writable as zi}from"node:stream";import{pipeline as ji}from"node:stream/promises";var X=class extends Error{name="AssetDownloadError"};async function Gi(n,t){let e=await n.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}",{owner:t.owner,repo:t.repo,asset_id:t.assetId,headers:{accept:"application/octet-stream"},request:{redirect:"manual",parseSuccessResponseBody:!1}}),r=e.data,i=e.status;if(i>=300&&i<400){await r?.cancel().catch(()=>{});let s=e.headers.location;if(!s)throw new X(`Download of ${t.name} answered ${i} without a Location.`);let o=await fetch(s,{headers:{accept:"application/octet-stream"}});if(!o.ok||!o.body)throw new X(`Download of ${t.name} from its signed URL failed with HTTP ${o.status}.`);r=o.body}if(!r)throw new X(`Download of ${t.name} returned no content.`);return Mi.fromWeb(r)}async function pn(n,t,e){let r=await Gi(n,t),i=Li("sha256"),s=0,o=new Ni({transform(a,l,c){i.update(a),s+=a.length,c(null,a)}});try{await ji(r,o,e)}catch(a){throw new X(`Download of ${t.name} failed: ${a instanceof Error?a.message:String(a)}`)}return{size:s,digest:`sha256:${i.digest("hex")}`}}async function fn(n,t,e){try{let{size:r,digest:i}=await pn(n,t,qi(e,{flags:"wx"}));return{path:e,size:r,digest:i}}catch(r){throw await Fi(e,{force:!0}),r}}function Da(n,t){let e=new zi({write:(r,i,s)=>s()});return pn(n,t,e)}var qe=class extends w{name="ReleaseNotFoundError"};async function La(n,t,e){let r;try{({data:r}=await n.rest.repos.getReleaseByTag({owner:t.owner,repo:t.repo,tag:t.tag}))}catch(h){throw h.status===404?new qe(`No published release with tag ${t.tag} in ${t.owner}/${t.repo}. Publish the version first (actions/publish), or check the version and the tag prefix.`):h}let i=(h,p)=>{let m=r.assets.filter(g=>p(g.name));if(m.length!==1)throw new qe(`Release ${t.tag} must have exactly one ${h} asset, found ${m.length} (${r.assets.map(g=>g.name).join(", ")||"no assets"}). It was not published by FastDeploy or is incomplete.`);return m[0]},s=i("archive (.tar.gz)",h=>h.endsWith(".tar.gz")),o=i("manifest (.manifest.json)",h=>h.endsWith(".manifest.json")),a=i("SHA256SUMS",h=>h==="SHA256SUMS"),l=h=>fn(n,{...t,assetId:h.id,name:h.name},Bi(e,h.name)),c=await l(a),u=await l(o),d=await l(s);return{releaseId:r.id,tag:r.tag_name,htmlUrl:r.html_url,commit:r.target_commitish,archive:d,manifest:u,checksums:c}}function Fa(n,t,e=new Date().toISOString()){let r=[];return t.rollback&&r.push({version:t.rollback.from,reason:t.rollback.reason,at:e}),r.push(...n.bad),{...t,bad:mn(r).slice(0,100),good:Wi(n.live)}}function Wi(n){if(!n)return[];let t={version:n.version,digest:n.digest,deployment_id:n.deploymentId,...n.ref?{ref:n.ref}:{}};return mn([t,...n.payload.good??[]]).slice(0,20)}function mn(n){let t=new Set;return n.filter(e=>!t.has(e.version)&&t.add(e.version))}import{createReadStream as Hi}from"node:fs";var ot=class extends w{name="AssetUploadError"},Vi=1024*1024,at=class{constructor(t){this.path=t}path;[Symbol.asyncIterator](){return Hi(this.path,{highWaterMark:Vi})[Symbol.asyncIterator]()}};function Ki(n,t){return n.state==="uploaded"&&n.size===t.size&&n.digest===t.digest}async function Ga(n,t,e,r){let i=new be(n,t);for(let s=1;;s++){let o;try{let a=await n.request({method:"POST",url:e.uploadUrl,name:r.name,data:new at(r.path),headers:{"content-type":r.contentType,"content-length":r.size},request:{redirect:"error"}});o=we(a.data)}catch(a){if(s===1&&ve(a,"ReleaseAsset")){let l=(await i.listAssets(e.id)).find(c=>c.name===r.name);if(l&&Ki(l,r))return l;l&&await i.deleteAsset(l.id);continue}throw $(a)===404?new W(e.id):a}if(o.size!==r.size||o.digest!==null&&o.digest!==r.digest)throw await i.deleteAsset(o.id),new ot(`Upload of ${r.name} arrived as ${o.size} bytes ${o.digest??""} instead of ${r.size} bytes ${r.digest}; did the file change while it was uploading? The asset was removed; run the step again.`);return o}}export{ft as a,mt as b,w as c,z as d,U as e,At as f,as as g,ls as h,cs as i,$t as j,Ne as k,Tt as l,ze as m,fs as n,ms as o,gs as p,ys as q,Yn as r,xs as s,Es as t,Ss as u,Ft as v,Ws as w,Ks as x,Us as y,Ji as z,Qi as A,vo as B,bo as C,ko as D,_e as E,W as F,be as G,zt as H,di as I,$o as J,To as K,Bt as L,Fa as M,ka as N,xa as O,fn as P,Da as Q,La as R,Ga as S};
