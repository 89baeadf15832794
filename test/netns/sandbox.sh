#!/usr/bin/env bash
# One throw-away "guest" for the netns tier: run as PID 1 of fresh mount, network, UTS and PID
# namespaces (unshare -m -n -u -p -f --mount-proc, see test/netns/sandbox.ts). It isolates every
# path a network stack writes, wires veth NICs to a router namespace (DHCP and router
# advertisements from dnsmasq there), installs the rendered files, starts one stack, then answers
# commands on stdin: `observe` prints one line `STATE {json}`; `stop` (or end of input) kills every
# process of the namespace, checks none is left and prints `STOPPED <survivors>`.
#
# Usage: sandbox.sh WORKDIR STACK
#   WORKDIR/nics     one line per NIC: NAME MAC ROUTER-MAC
#   WORKDIR/router   commands run in the router namespace (addresses, dnsmasq)
#   WORKDIR/root/    the rendered files, laid out from / (copied into the isolated dirs)
#   STACK            networkd | nm | netplan-networkd | netplan-nm | ifupdown | ifupdown-ng | busybox
# Caches (made by scripts/host-setup): REJVIZ_NETNS_CACHE/{ifupdown-ng,openresolv}.
set -uo pipefail
W=$1 STACK=$2
CACHE=${REJVIZ_NETNS_CACHE:-/var/cache/rejviz/netns}
LOG=$W/log
exec 2>>"$LOG"

die() { echo "sandbox: $*" >&2; echo "FAILED $*"; exit 1; }
[ "$$" = 1 ] || die "must run as PID 1 of its own PID namespace (unshare -p -f --mount-proc)"

# --- isolation: nothing below may write to the host's /etc, /run, /var or resolv.conf ---------
mount --make-rprivate / || die "mount --make-rprivate"
mount -t sysfs -o ro sysfs /sys || die "sysfs"        # this namespace's NICs; ro: no udev waits
mount -t tmpfs -o mode=755 tmpfs /run || die "tmpfs /run"
# The work dir stays reachable under /run/w when /tmp is covered below.
mkdir /run/w && mount --bind "$W" /run/w && W=/run/w && LOG=$W/log || die "bind $W"
# /etc becomes copy-on-write: whatever a daemon or hook writes there (resolv.conf, leases,
# dhclient's temporary files) lands in this tmpfs, never in the host's /etc.
mkdir -p /run/.etc/upper /run/.etc/work
mount -t overlay overlay -o lowerdir=/etc,upperdir=/run/.etc/upper,workdir=/run/.etc/work /etc || die "overlay /etc"
for d in /etc/systemd/network /etc/NetworkManager /etc/netplan /etc/network /etc/dhcp /var/lib/NetworkManager /var/lib/dhcp /var/lib/misc /tmp; do
  mkdir -p "$d" 2>/dev/null; mount -t tmpfs -o mode=755 tmpfs "$d" || die "tmpfs $d"
done
: >/etc/resolv.conf
mkdir -p /run/dbus /run/systemd/netif /run/NetworkManager /run/network /run/resolvconf /etc/NetworkManager/system-connections \
  /etc/network/if-up.d /etc/network/if-pre-up.d /etc/network/if-down.d /etc/network/if-post-down.d /etc/network/interfaces.d \
  /etc/dhcp/dhclient-enter-hooks.d /etc/dhcp/dhclient-exit-hooks.d
chown systemd-network: /run/systemd/netif 2>/dev/null
hostname rejviz-netns
# DAD would hold static IPv6 addresses "tentative" for a second or more: off in this namespace.
for f in all default; do echo 0 >/proc/sys/net/ipv6/conf/$f/accept_dad; done
# lo is left down, as at boot: ifupdown's `iface lo inet loopback` brings it up itself (and
# BusyBox's fails when the kernel has already given lo its address).

# --- the link: each NIC is a veth whose peer sits in the router namespace --------------------
ip netns add router || die "ip netns add router"
ip -n router link set lo up
while read -r name mac rmac; do
  [ -n "$name" ] || continue
  ip link add "$name" address "$mac" type veth peer name "r-$name" address "$rmac" netns router || die "veth $name"
  ip -n router link set "r-$name" up
done <"$W/nics"
for f in all default; do ip netns exec router sh -c "echo 0 >/proc/sys/net/ipv6/conf/$f/accept_dad"; done
ip netns exec router bash "$W/router" >>"$LOG" 2>&1 || die "router set-up failed"

# --- the stack --------------------------------------------------------------------------------
copy_rendered() { cp -a "$W/root/." / || die "copying the rendered files"; }

start_dbus() {
  dbus-daemon --system --nofork --nopidfile >>"$LOG" 2>&1 &
  for _ in $(seq 100); do [ -S /run/dbus/system_bus_socket ] && return; sleep 0.02; done
  die "dbus-daemon did not start"
}

start_networkd() {
  # networkd drops to systemd-network; it reads /etc/systemd/network and /run/systemd/network.
  /lib/systemd/systemd-networkd >>"$LOG" 2>&1 &
}

start_nm() {
  start_dbus
  # Keyfiles only, no resolv.conf management to speak of (it would be this namespace's anyway),
  # and no connectivity checks or automatic "Wired connection 1" profiles.
  cat >/etc/NetworkManager/NetworkManager.conf <<'EOF'
[main]
plugins=keyfile
no-auto-default=*
[connectivity]
enabled=false
[logging]
level=INFO
EOF
  NetworkManager --no-daemon >>"$LOG" 2>&1 &
}

# openresolv, unpacked by host-setup, is the resolvconf the ifupdown hooks and the DHCP client
# scripts hand DNS servers to (dns-nameservers means nothing without one). A read-only overlay
# adds its /sbin/resolvconf in this namespace only.
with_openresolv() {
  local o=$CACHE/openresolv
  [ -x "$o/sbin/resolvconf" ] || die "openresolv not unpacked in $o (run scripts/host-setup)"
  mount -t overlay overlay -o "lowerdir=$o/sbin:/usr/sbin" /usr/sbin || die "overlay /usr/sbin"
  cp "$o/etc/network/if-up.d/000resolvconf" /etc/network/if-up.d/
  cp "$o/etc/network/if-down.d/resolvconf" /etc/network/if-down.d/
  cp "$o/etc/dhcp/dhclient-enter-hooks.d/resolvconf" /etc/dhcp/dhclient-enter-hooks.d/
  cp "$o/etc/resolvconf.conf" /etc/
}

case "$STACK" in
  networkd) ip link set lo up; copy_rendered; start_networkd ;;
  nm) ip link set lo up; copy_rendered; start_nm ;;
  netplan-networkd|netplan-nm)
    ip link set lo up; copy_rendered
    # Ubuntu desktop images pick NetworkManager with a file of their own, like this one.
    [ "$STACK" = netplan-nm ] && printf 'network:\n  version: 2\n  renderer: NetworkManager\n' >/etc/netplan/01-network-manager-all.yaml
    chmod 600 /etc/netplan/*.yaml
    /usr/libexec/netplan/generate >>"$LOG" 2>&1 || die "netplan generate failed"
    # netplan >= 0.106 matches on PermanentMACAddress=, which a virtio NIC has and a veth has not
    # (its permanent address reads as zero): match the current MAC, the same one on a guest's NIC.
    sed -i 's/^PermanentMACAddress=/MACAddress=/' /run/systemd/network/*.network 2>/dev/null
    if [ "$STACK" = netplan-nm ]; then start_nm; else start_networkd; fi ;;
  ifupdown)
    with_openresolv; copy_rendered
    [ -e /etc/network/interfaces ] || printf 'source /etc/network/interfaces.d/*\n' >/etc/network/interfaces
    ifup -a >>"$LOG" 2>&1 && echo "ifup-ok" >/run/stack-done || echo "ifup-failed" >/run/stack-done ;;
  ifupdown-ng)
    with_openresolv; copy_rendered
    ng=$CACHE/ifupdown-ng
    [ -x "$ng/sbin/ifup" ] || die "ifupdown-ng not unpacked in $ng (run scripts/host-setup)"
    cp "$ng/etc/network/ifupdown-ng.conf" /etc/network/
    "$ng/sbin/ifup" -E "$ng/usr/libexec/ifupdown-ng" -S /run/ifstate -a >>"$LOG" 2>&1 \
      && echo "ifup-ok" >/run/stack-done || echo "ifup-failed" >/run/stack-done ;;
  busybox)
    with_openresolv; copy_rendered
    busybox ifup -a >>"$LOG" 2>&1 && echo "ifup-ok" >/run/stack-done || echo "ifup-failed" >/run/stack-done ;;
  *) die "unknown stack $STACK" ;;
esac

# --- observation -----------------------------------------------------------------------------
# Each stack's own record of the DNS servers it applied, one JSON object per NIC name.
dns_json() {
  local name first=1
  printf '{'
  while read -r name _; do
    [ -n "$name" ] || continue
    local servers=""
    case "$STACK" in
      networkd|netplan-networkd)
        local idx; idx=$(cat "/sys/class/net/$name/ifindex")
        servers=$(sed -n 's/^DNS=//p' "/run/systemd/netif/links/$idx" 2>/dev/null) ;;
      nm|netplan-nm)
        # -g escapes the colons of IPv6 addresses as '\:'.
        servers=$(nmcli -g IP4.DNS,IP6.DNS device show "$name" 2>/dev/null | sed 's/\\:/:/g' | tr '|\n' '  ') ;;
      *)
        # openresolv's records are named IF, IF.inet, IF.inet6 or IF.udhcpc (by whoever added them).
        local f
        for f in /run/resolvconf/interfaces/"$name" /run/resolvconf/interfaces/"$name".*; do
          [ -f "$f" ] && servers="$servers $(sed -n 's/^nameserver //p' "$f" | tr '\n' ' ')"
        done ;;
    esac
    [ $first = 1 ] || printf ','
    first=0
    printf '"%s":[' "$name"
    local s sep=""
    for s in $servers; do printf '%s"%s"' "$sep" "$s"; sep=","; done
    printf ']'
  done <"$W/nics"
  printf '}'
}

# Whether the stack says it has finished: networkd's per-link state, NM's device state, ifup's exit.
done_json() {
  case "$STACK" in
    networkd|netplan-networkd|nm|netplan-nm)
      local name
      while read -r name _; do
        [ -n "$name" ] || continue
        if [[ $STACK == *networkd ]]; then
          local idx; idx=$(cat "/sys/class/net/$name/ifindex")
          grep -qx 'ADMIN_STATE=configured' "/run/systemd/netif/links/$idx" 2>/dev/null || { echo false; return; }
        else
          [ "$(nmcli -g GENERAL.STATE device show "$name" 2>/dev/null | cut -d' ' -f1)" = 100 ] || { echo false; return; }
        fi
      done <"$W/nics"
      echo true ;;
    *) [ -e /run/stack-done ] && echo true || echo false ;;
  esac
}

observe() {
  printf 'STATE {"done":%s,"ifup":"%s","addr":%s,"route4":%s,"route6":%s,"link":%s,"dns":%s}\n' \
    "$(done_json)" "$(cat /run/stack-done 2>/dev/null)" "$(ip -j addr)" "$(ip -j -4 route show table main)" \
    "$(ip -j -6 route show table main)" "$(ip -j link)" "$(dns_json)"
}

# Kill every other process of this PID namespace (daemons, DHCP clients, dnsmasq), then check.
stop() {
  local p left
  for sig in TERM KILL; do
    for p in /proc/[0-9]*; do p=${p#/proc/}; [ "$p" = 1 ] || [ "$p" = "$BASHPID" ] || kill -$sig "$p" 2>/dev/null; done
    for _ in $(seq 50); do
      left=0
      for p in /proc/[0-9]*; do p=${p#/proc/}; [ "$p" = 1 ] || [ "$p" = "$BASHPID" ] || left=$((left + 1)); done
      [ $left = 0 ] && break
      wait -n 2>/dev/null; sleep 0.02
    done
    [ $left = 0 ] && break
  done
  ip netns del router 2>/dev/null
  echo "STOPPED $left"
}

echo READY
while read -r cmd; do
  case "$cmd" in
    observe) observe ;;
    stop) break ;;
  esac
done
stop
